import { Show, createSignal } from 'solid-js';

/** The candidate's link is a long token: offer it as a link and a copy button, not as text to read. */
export function ManageLink(props: { url: string }) {
  const [copied, setCopied] = createSignal(false);
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;

  async function copy() {
    await navigator.clipboard.writeText(props.url);
    setCopied(true);
  }

  return (
    <div class="manage-link">
      <p>
        This page is where you join, change or cancel. It's the link in your email:{' '}
        <a href={props.url}>manage your interview</a>.
      </p>
      <Show when={canCopy}>
        <button type="button" class="quiet" onClick={() => void copy()}>
          Copy the link
        </button>
        <span role="status">{copied() ? ' Copied.' : ''}</span>
      </Show>
    </div>
  );
}
