import { Show, createSignal, onMount } from 'solid-js';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

/**
 * A new endpoint's signing secret, shown this once: the server keeps it only to sign, and no call
 * returns it again. Focus moves here so a keyboard or screen-reader user meets it first.
 */
export function SigningSecret(props: { url: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = createSignal<'yes' | 'refused' | ''>('');
  let region: HTMLDivElement | undefined;
  onMount(() => region?.focus());

  async function copy() {
    // The clipboard needs a secure context; the field lets the admin copy by hand when it is refused.
    await navigator.clipboard?.writeText(props.secret).then(
      () => setCopied('yes'),
      () => setCopied('refused'),
    );
  }

  return (
    <div class="notice notice-success signing-secret" role="region" aria-labelledby="signing-secret-title" tabIndex={-1} ref={region}>
      <h3 id="signing-secret-title">{ht('hr.hooks.secretTitle')}</h3>
      <p>
        <HrWords message="hr.hooks.secretText" values={{ strong: <strong>{ht('hr.hooks.secretOnce')}</strong> }} />
      </p>
      <div class="field">
        <label for="signing-secret-value">
          <HrWords message="hr.hooks.secretFor" values={{ url: <Data>{props.url}</Data> }} />
        </label>
        <input id="signing-secret-value" type="text" readonly spellcheck={false} value={props.secret} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="actions">
        <Show when={typeof navigator !== 'undefined' && navigator.clipboard !== undefined}>
          <button type="button" class="primary" onClick={() => void copy()}>
            {ht('hr.hooks.copySecret')}
          </button>
        </Show>
        <button type="button" onClick={() => props.onDone()}>
          {ht('hr.hooks.stored')}
        </button>
      </div>
      <p role="status">{copied() === 'yes' ? ht('hr.hooks.copied') : copied() === 'refused' ? ht('hr.hooks.copyRefused') : ''}</p>
    </div>
  );
}
