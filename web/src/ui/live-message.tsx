import { Show, type JSX } from 'solid-js';

interface LiveMessageProps {
  tone?: 'info' | 'success' | 'error';
  children?: JSX.Element;
  when: unknown;
}

/**
 * A status line screen readers announce. The live region is always in the page (an element
 * that appears already filled is often not announced); only its content comes and goes.
 */
export function LiveMessage(props: LiveMessageProps) {
  return (
    <div role={props.tone === 'error' ? 'alert' : 'status'} aria-live={props.tone === 'error' ? 'assertive' : 'polite'}>
      <Show when={props.when}>
        <p class={`notice notice-${props.tone ?? 'info'}`}>{props.children}</p>
      </Show>
    </div>
  );
}
