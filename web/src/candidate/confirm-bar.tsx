import { Show } from 'solid-js';
import { t } from '../i18n/page-language';

interface ConfirmBarProps {
  /** "Book Tue 24 Nov, 10:15", or undefined before a time is chosen. */
  action: string | undefined;
  pending: boolean;
  error: string | undefined;
  /** The error's element, for focusing it after a failed attempt. */
  errorRef: (el: HTMLParagraphElement) => void;
}

/**
 * Stays at the bottom of the screen while the times scroll, naming the day and time it will book;
 * a refusal appears right above its button, where the candidate is looking.
 */
export function ConfirmBar(props: ConfirmBarProps) {
  return (
    <div class="confirm-bar">
      <div role="alert">
        <Show when={props.error}>
          <p class="notice notice-error" tabIndex={-1} ref={props.errorRef}>
            {props.error}
          </p>
        </Show>
      </div>
      <button type="submit" class="primary" disabled={props.action === undefined || props.pending}>
        {props.pending ? t('page.confirm.saving') : (props.action ?? t('page.confirm.choose'))}
      </button>
    </div>
  );
}
