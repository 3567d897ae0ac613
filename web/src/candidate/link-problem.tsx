import { Match, Switch } from 'solid-js';
import type { ApiProblem } from '../api/api-error';
import { usePageTitle } from '../ui/page-title';
import { t } from '../i18n/page-language';
import { problemText } from '../api/problem-text';

interface LinkProblemProps {
  problem: ApiProblem;
  onRetry: () => void;
}

/** The page for a link that does not open an interview, one per reason, each saying what to do. */
export function LinkProblem(props: LinkProblemProps) {
  const code = () => props.problem.code;
  usePageTitle(() =>
    code() === 'LINK_EXPIRED' ? t('page.title.linkExpired') : code() === 'RATE_LIMITED' ? t('page.title.rateLimited') : t('page.title.linkProblem'),
  );
  return (
    <section class="card end-page" aria-labelledby="problem-title">
      <Switch
        fallback={
          <>
            <h1 id="problem-title">{t('page.problem.heading')}</h1>
            <p>{problemText(props.problem)}</p>
            <p>{t('page.problem.keep')}</p>
            <button type="button" onClick={() => props.onRetry()}>
              {t('page.problem.retry')}
            </button>
          </>
        }
      >
        <Match when={code() === 'LINK_EXPIRED'}>
          <h1 id="problem-title">{t('page.problem.expired')}</h1>
          <p>{t('page.problem.expiredText')}</p>
        </Match>
        <Match when={code() === 'LINK_INVALID' || code() === 'NOT_FOUND' || code() === 'BAD_INPUT'}>
          <h1 id="problem-title">{t('page.problem.invalid')}</h1>
          <p>{t('page.problem.invalidText')}</p>
          <p>{t('page.problem.invalidHelp')}</p>
        </Match>
        <Match when={code() === 'LINK_SUPERSEDED'}>
          <h1 id="problem-title">{t('page.closed.replaced')}</h1>
          <p>{t('page.closed.replacedText')}</p>
        </Match>
        <Match when={code() === 'LINK_ERASED'}>
          <h1 id="problem-title">{t('page.problem.erased')}</h1>
          <p>{t('page.problem.erasedText')}</p>
        </Match>
        <Match when={code() === 'INTERVIEW_CANCELLED'}>
          <h1 id="problem-title">{t('page.problem.cancelled')}</h1>
          <p>{t('page.problem.cancelledText')}</p>
        </Match>
        <Match when={code() === 'RATE_LIMITED'}>
          <h1 id="problem-title">{t('page.problem.rateLimited')}</h1>
          <p>{t('page.problem.rateLimitedText')}</p>
          <button type="button" onClick={() => props.onRetry()}>
            {t('page.problem.retry')}
          </button>
        </Match>
      </Switch>
    </section>
  );
}
