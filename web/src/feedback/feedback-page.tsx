import { Match, Show, Switch, createResource } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc } from '../api/trpc';
import { toApiProblem, type ApiProblem } from '../api/api-error';
import { formatRange } from '../time/format';
import { ScorecardForm } from './scorecard-form';
import { matchLocale } from '@portal/shared/i18n/locales';
import { intlLocale, kindTitle, languageShown, showLanguage, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';
import { usePageTitle } from '../ui/page-title';
import { problemText } from '../api/problem-text';

/** /f/:token — an interviewer's scorecard for one interview, opened from the feedback email. */
export default function FeedbackPage() {
  const params = useParams();
  const token = () => params['token'] ?? '';
  const [view, { mutate, refetch }] = createResource(token, async (link) => {
    const current = await trpc.feedback.view.query({ token: link }).catch(async (error: unknown) => {
      await showLanguage(matchLocale(navigator.languages) ?? 'en');
      throw error;
    });
    // The scorecard speaks the interview's language, as every message of the interview does.
    await showLanguage(current.locale);
    return current;
  });
  usePageTitle(() => t('feedback.title'));

  return (
    <main class="page" id="main">
      <Switch
        fallback={
          <p class="loading" role="status">
            {languageShown() ? t('feedback.loading') : '…'}
          </p>
        }
      >
        <Match when={view.state === 'errored'}>
          <FeedbackLinkProblem problem={toApiProblem(view.error)} onRetry={() => void refetch()} />
        </Match>
        <Match when={view.state !== 'errored' && view.latest}>
          {(current) => (
            <>
              <section class="card" aria-labelledby="feedback-title">
                <h1 id="feedback-title">
                  <Words message="feedback.heading" values={{ name: <Data>{current().candidateName}</Data> }} />
                </h1>
                <p>
                  <Words
                    message="feedback.for"
                    values={{ kind: kindTitle(current().kind, current().kindLabel, current().kindTitles), position: <Data>{current().position}</Data> }}
                  />
                  <Show when={current().start && current().end}>
                    {' '}
                    ·{' '}
                    <time datetime={current().start ?? ''}>
                      {formatRange(current().start ?? '', current().end ?? '', current().interviewerTimezone, intlLocale())}
                    </time>{' '}
                    <Data>({current().interviewerTimezone.replaceAll('_', ' ')})</Data>
                  </Show>
                </p>
                <p class="hint">
                  <Words message="feedback.signedIn" values={{ name: <Data>{current().interviewerName}</Data> }} />
                </p>
              </section>
              <ScorecardForm token={token()} view={current()} onSaved={(next) => mutate(next)} />
            </>
          )}
        </Match>
      </Switch>
    </main>
  );
}

function FeedbackLinkProblem(props: { problem: ApiProblem; onRetry: () => void }) {
  return (
    <section class="card end-page" aria-labelledby="problem-title">
      <Switch
        fallback={
          <>
            <h1 id="problem-title">{t('feedback.problem.heading')}</h1>
            <p>{problemText(props.problem)}</p>
            <button type="button" onClick={() => props.onRetry()}>
              {t('feedback.problem.retry')}
            </button>
          </>
        }
      >
        <Match when={props.problem.code === 'LINK_EXPIRED'}>
          <h1 id="problem-title">{t('feedback.problem.expired')}</h1>
          <p>{t('feedback.problem.expiredText')}</p>
        </Match>
        <Match when={props.problem.code === 'LINK_SUPERSEDED'}>
          <h1 id="problem-title">{t('feedback.problem.superseded')}</h1>
          <p>{t('feedback.problem.supersededText')}</p>
        </Match>
        <Match when={props.problem.code === 'LINK_INVALID' || props.problem.code === 'BAD_INPUT'}>
          <h1 id="problem-title">{t('feedback.problem.invalid')}</h1>
          <p>{t('feedback.problem.invalidText')}</p>
        </Match>
      </Switch>
    </section>
  );
}
