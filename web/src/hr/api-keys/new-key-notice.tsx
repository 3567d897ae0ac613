import { createSignal } from 'solid-js';
import type { NewApiKey } from '../../trpc';
import { LiveMessage } from '../../ui/live-message';

/** The one time a key's secret is on screen: copy it now, it is stored only as a hash. */
export function NewKeyNotice(props: { apiKey: NewApiKey; onDone: () => void }) {
  const [copied, setCopied] = createSignal('');
  async function copy() {
    // The clipboard needs a secure context; the field lets the admin copy by hand when it is refused.
    await navigator.clipboard?.writeText(props.apiKey.key).then(
      () => setCopied('Key copied to the clipboard.'),
      () => setCopied('Copying was refused by the browser: select the key and copy it by hand.'),
    );
  }
  return (
    <div class="notice notice-success" role="region" aria-labelledby="new-key-title">
      <p id="new-key-title">
        <strong>Key “{props.apiKey.name}” created. Copy it now: you will not see it again.</strong>
      </p>
      <div class="field">
        <label for="new-key-value">API key</label>
        <input id="new-key-value" type="text" readonly value={props.apiKey.key} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void copy()}>
          Copy key
        </button>
        <button type="button" onClick={() => props.onDone()}>
          I have stored it
        </button>
      </div>
      <LiveMessage when={copied()}>{copied()}</LiveMessage>
    </div>
  );
}
