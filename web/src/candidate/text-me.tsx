import { Show, createUniqueId } from 'solid-js';
import { t } from '../i18n/page-language';

export interface TextChoice {
  phone: string;
  sms: boolean;
}

interface TextMeProps {
  choice: TextChoice;
  onChange: (choice: TextChoice) => void;
  /** The number was refused (or missing while texts are on); the message is the page's own, in its language. */
  error: 'invalid' | 'missing' | undefined;
}

/** The candidate's mobile number and their opt-in to texts, sent with the booking (docs/adr/0026). */
export function TextMe(props: TextMeProps) {
  const id = createUniqueId();
  const describedBy = () => [`${id}-hint`, props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="text-me">
      <legend>{t('page.sms.legend')}</legend>
      <div class="field">
        <label for={`${id}-phone`}>{t('page.sms.phone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          dir="ltr"
          value={props.choice.phone}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy()}
          onInput={(event) => props.onChange({ ...props.choice, phone: event.currentTarget.value })}
        />
        <Show when={props.error}>
          <p id={`${id}-error`} class="field-error">
            {props.error === 'missing' ? t('page.sms.needsPhone') : t('page.sms.invalid')}
          </p>
        </Show>
      </div>
      <label class="check">
        <input type="checkbox" checked={props.choice.sms} onChange={(event) => props.onChange({ ...props.choice, sms: event.currentTarget.checked })} />{' '}
        {t('page.sms.optIn')}
      </label>
      <p id={`${id}-hint`} class="hint">
        {t('page.sms.hint')}
      </p>
    </fieldset>
  );
}
