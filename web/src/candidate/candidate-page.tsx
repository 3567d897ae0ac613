import { Match, Switch, createResource } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc, type CandidateView } from '../api/trpc';
import { toApiProblem } from '../api/api-error';
import { languageShown, showLanguage, t } from '../i18n/page-language';
import { LinkProblem } from './link-problem';
import { CandidateInterview } from './candidate-interview';
import { prefetchOpeningReads } from './free-times';
import { matchLocale } from '@portal/shared/i18n/locales';

/** /b/:token — everything a candidate does happens on this one page, keyed by their link. */
export default function CandidatePage() {
  const params = useParams();
  const token = () => params['token'] ?? '';
  // Details, free times and the application's other interviews leave in one batched request: the
  // picker and the list then need no second round trip.
  // Only on opening: a later reload of the details (onStale) leaves the picker to ask for itself.
  let opening = true;
  const [view, { mutate, refetch }] = createResource(token, async (t) => {
    if (opening) prefetchOpeningReads(t);
    opening = false;
    const current = await trpc.candidate.view.query({ token: t }).catch(async (error: unknown) => {
      // No interview, no stored language: the page explains in the browser's, if the catalogue has it.
      await showLanguage(matchLocale(navigator.languages) ?? 'en');
      throw error;
    });
    // The page shows nothing until its language is in: no flash of English before the candidate's own.
    await showLanguage(current.locale);
    return current;
  });
  const update = async (next: CandidateView) => {
    await showLanguage(next.locale);
    mutate(next);
  };

  return (
    <main class="page candidate-page" id="main">
      <Switch
        fallback={
          <p class="loading" role="status">
            {languageShown() ? t('page.loading') : '…'}
          </p>
        }
      >
        <Match when={view.state === 'errored'}>
          <LinkProblem problem={toApiProblem(view.error)} onRetry={() => void refetch()} />
        </Match>
        {/* `latest`, not view(): a refetch (onStale) must not suspend the app shell and blank the page. */}
        <Match when={view.state !== 'errored' && view.latest}>
          {(current) => (
            <CandidateInterview view={current()} token={token()} onChange={(next) => void update(next)} onStale={() => void refetch()} />
          )}
        </Match>
      </Switch>
    </main>
  );
}
