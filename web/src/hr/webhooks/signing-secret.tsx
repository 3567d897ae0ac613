import { Show, createSignal, onMount } from 'solid-js';

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
      <h3 id="signing-secret-title">Endpoint added: copy its signing secret now</h3>
      <p>
        Your receiver checks every delivery with this secret (Standard Webhooks signature). <strong>You will not see it again</strong>; if
        it is lost, delete the endpoint and add it anew.
      </p>
      <div class="field">
        <label for="signing-secret-value">Signing secret for {props.url}</label>
        <input id="signing-secret-value" type="text" readonly spellcheck={false} value={props.secret} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="actions">
        <Show when={typeof navigator !== 'undefined' && navigator.clipboard !== undefined}>
          <button type="button" class="primary" onClick={() => void copy()}>
            Copy secret
          </button>
        </Show>
        <button type="button" onClick={() => props.onDone()}>
          I have stored it
        </button>
      </div>
      <p role="status">{copied() === 'yes' ? 'Copied.' : copied() === 'refused' ? 'The browser refused to copy: select the field and copy it.' : ''}</p>
    </div>
  );
}
