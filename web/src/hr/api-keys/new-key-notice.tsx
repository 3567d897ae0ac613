import { createSignal, onMount } from 'solid-js';
import type { NewApiKey } from '../../api/trpc';
import { LiveMessage } from '../../ui/live-message';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

/** The one time a key's secret is on screen: copy it now, it is stored only as a hash. */
export function NewKeyNotice(props: { apiKey: NewApiKey; onDone: () => void }) {
  const [copied, setCopied] = createSignal('');
  let field: HTMLInputElement | undefined;
  // The one thing to do now is copy it: focus goes to the key, selected, so a screen reader reads it and Ctrl+C copies it.
  onMount(() => field?.focus());
  async function copy() {
    // The clipboard needs a secure context; the field lets the admin copy by hand when it is refused.
    await navigator.clipboard?.writeText(props.apiKey.key).then(
      () => setCopied(ht('hr.keys.copied')),
      () => setCopied(ht('hr.keys.copyRefused')),
    );
  }
  return (
    <div class="notice notice-success" role="region" aria-labelledby="new-key-title">
      <p id="new-key-title">
        <strong>
          <HrWords message="hr.keys.createdNotice" values={{ name: <Data>{props.apiKey.name}</Data> }} />
        </strong>
      </p>
      <div class="field">
        <label for="new-key-value">{ht('hr.keys.apiKey')}</label>
        <input ref={field} id="new-key-value" type="text" readonly value={props.apiKey.key} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void copy()}>
          {ht('hr.keys.copy')}
        </button>
        <button type="button" onClick={() => props.onDone()}>
          {ht('hr.keys.stored')}
        </button>
      </div>
      <LiveMessage when={copied()}>{copied()}</LiveMessage>
    </div>
  );
}
