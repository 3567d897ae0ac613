import { Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { useParams, useSearchParams } from '@solidjs/router';
import { matchLocale } from '@portal/shared/i18n/locales';
import { trpc } from '../api/trpc';
import { toApiProblem } from '../api/api-error';
import { formatRange } from '../time/format';
import { intlLocale, kindTitle, languageShown, showLanguage, t } from '../i18n/page-language';
import { usePageTitle } from '../ui/page-title';
import { problemText } from '../api/problem-text';
import { OwnCalendar } from './own-calendar';
import { KitPreview } from './kit-preview';

/**
 * /a/:token?answer=accept|decline — an interviewer's answer to their invitation. Opening the link
 * changes nothing (mail scanners open links too): the button sends the answer, with an optional
 * reason for a decline.
 */
export default function AnswerPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const token = () => params['token'] ?? '';
  const wanted = () => (search['answer'] === 'decline' ? 'decline' : 'accept');
  const [reason, setReason] = createSignal('');
  const [sent, setSent] = createSignal<'accept' | 'decline' | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [view] = createResource(token, async (link) => {
    const current = await trpc.interviewerAnswer.view.query({ token: link }).catch(async (error: unknown) => {
      await showLanguage(matchLocale(navigator.languages) ?? 'en');
      throw error;
    });
    await showLanguage(current.locale);
    return current;
  });
  usePageTitle(() => t('answer.title'));

  async function send(answer: 'accept' | 'decline') {
    setProblem(null);
    try {
      await trpc.interviewerAnswer.answer.mutate({ token: token(), answer, ...(answer === 'decline' && reason().trim() ? { reason: reason().trim() } : {}) });
      setSent(answer);
    } catch (error) {
      setProblem(problemText(toApiProblem(error)));
    }
  }

  return (
    <main class="page" id="main">
      <Switch fallback={<p class="loading" role="status">{languageShown() ? t('answer.loading') : '…'}</p>}>
        <Match when={view.state === 'errored'}>
          <section class="card end-page">
            <h1>{t('answer.problem')}</h1>
            <p>{problemText(toApiProblem(view.error))}</p>
          </section>
        </Match>
        <Match when={view.latest}>
          {(current) => (
            <section class="card" aria-labelledby="answer-title">
              <h1 id="answer-title">
                {t('answer.heading', { name: current().candidateName, kind: kindTitle(current().kind, current().kindLabel, current().kindTitles), position: current().position })}
              </h1>
              <Show when={current().start && current().end}>
                <p>
                  <time datetime={current().start ?? ''}>
                    {formatRange(current().start ?? '', current().end ?? '', current().interviewerTimezone, intlLocale())}
                  </time>{' '}
                  ({current().interviewerTimezone.replaceAll('_', ' ')})
                </p>
              </Show>
              <Switch>
                <Match when={sent() ?? current().answer?.answer}>
                  {(answer) => <p role="status">{t(answer() === 'accept' || answer() === 'accepted' ? 'answer.accepted' : 'answer.declined')}</p>}
                </Match>
                <Match when={current().closedReason}>{(closed) => <p role="status">{closed()}</p>}</Match>
                <Match when={true}>
                  <Show when={wanted() === 'decline'}>
                    <label>
                      {t('answer.reason')}
                      <textarea maxLength={500} value={reason()} onInput={(event) => setReason(event.currentTarget.value)} />
                    </label>
                  </Show>
                  <p class="actions">
                    <button type="button" class={wanted() === 'accept' ? 'primary' : ''} onClick={() => void send('accept')}>
                      {t('answer.accept')}
                    </button>{' '}
                    <button type="button" class={wanted() === 'decline' ? 'primary' : ''} onClick={() => void send('decline')}>
                      {t('answer.decline')}
                    </button>
                  </p>
                  <Show when={problem()}>{(text) => <p role="alert">{text()}</p>}</Show>
                </Match>
              </Switch>
            </section>
          )}
        </Match>
      </Switch>
      <Show when={view.latest}>
        {(current) => (
          <>
            <KitPreview kit={current().kit} />
            <OwnCalendar token={token()} />
          </>
        )}
      </Show>
    </main>
  );
}
