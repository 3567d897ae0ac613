import { createEffect, onCleanup } from 'solid-js';

const SITE = 'Interview booking';

/** Names the browser tab after what the page shows now ("Pick a time — Interview booking"). */
export function usePageTitle(title: () => string): void {
  createEffect(() => {
    document.title = `${title()} — ${SITE}`;
  });
  onCleanup(() => {
    document.title = SITE;
  });
}
