import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../api/trpc';
import { toApiProblem } from '../api/api-error';
import { problemText } from '../api/problem-text';
import { t } from '../i18n/page-language';

type Provider = 'google' | 'microsoft';
const BUTTON = { google: 'answer.calendar.google', microsoft: 'answer.calendar.microsoft' } as const;

/**
 * The interviewer's own calendar from their link (docs/adr/0061): where the organisation grants
 * nothing and HR connected no other calendar for them, they sign in to Google or Microsoft and
 * allow the portal to read their busy times and add their interviews. Nothing shows otherwise.
 */
export function OwnCalendar(props: { token: string }) {
  const [calendar] = createResource(() => props.token, (token) => trpc.interviewerAnswer.calendar.query({ token }));
  const [problem, setProblem] = createSignal<string | null>(null);
  const providers = () => (['google', 'microsoft'] as const).filter((p) => calendar()?.offered[p] === true);
  async function connect(provider: Provider) {
    setProblem(null);
    try {
      const { url } = await trpc.interviewerAnswer.connectCalendar.mutate({ token: props.token, provider });
      location.assign(url);
    } catch (error) {
      setProblem(problemText(toApiProblem(error)));
    }
  }
  return (
    <Show when={providers().length > 0}>
      <section class="card" aria-labelledby="own-calendar-title">
        <h2 id="own-calendar-title">{t('answer.calendar.title')}</h2>
        <p>{t(calendar()?.status === 'failing' ? 'answer.calendar.failing' : 'answer.calendar.hint')}</p>
        <p class="actions">
          <For each={providers()}>
            {(provider) => (
              <button type="button" onClick={() => void connect(provider)}>
                {t(BUTTON[provider])}
              </button>
            )}
          </For>
        </p>
        <Show when={problem()}>{(text) => <p role="alert">{text()}</p>}</Show>
      </section>
    </Show>
  );
}
