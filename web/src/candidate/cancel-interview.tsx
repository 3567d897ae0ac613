import { Show, createSignal, createUniqueId } from 'solid-js';
import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { t } from '../i18n/page-language';
import { problemText } from '../api/problem-text';

interface CancelInterviewProps {
  token: string;
  /** The button that opens the confirm step. */
  label: string;
  onDone: (view: CandidateView) => void;
}

/** Cancelling is final, so it takes a second, explicit step; the reason is optional. */
export function CancelInterview(props: CancelInterviewProps) {
  const id = createUniqueId();
  const [confirming, setConfirming] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  let title: HTMLHeadingElement | undefined;
  // The button pressed is replaced by the form (and the form by the button): keep focus where the
  // candidate is, rather than letting it fall to the page's start.
  const open = (on: boolean) => {
    setConfirming(on);
    requestAnimationFrame(() => (on ? title : opener)?.focus());
  };
  const [reason, setReason] = createSignal('');
  const cancel = createMutation((text: string) =>
    trpc.candidate.cancel.mutate(text === '' ? { token: props.token } : { token: props.token, reason: text }),
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const view = await cancel.run(reason().trim());
    if (view !== undefined) props.onDone(view);
  }

  return (
    <div class="cancel">
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="danger-quiet" ref={opener} onClick={() => open(true)}>
            {props.label}
          </button>
        }
      >
        <form onSubmit={submit} aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} ref={title} tabIndex={-1}>
            {t('page.cancel.heading')}
          </h3>
          <p>{t('page.cancel.final')}</p>
          <div class="field">
            <label for={`${id}-reason`}>{t('page.cancel.reason')}</label>
            <textarea
              id={`${id}-reason`}
              rows="3"
              maxLength={500}
              value={reason()}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          <LiveMessage tone="error" when={cancel.problem()}>
            {problemText(cancel.problem())}
          </LiveMessage>
          <div class="actions">
            <button type="submit" class="danger" disabled={cancel.pending()}>
              {cancel.pending() ? t('page.cancel.pending') : t('page.cancel.confirm')}
            </button>
            <button type="button" onClick={() => open(false)} disabled={cancel.pending()}>
              {t('page.cancel.keep')}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
