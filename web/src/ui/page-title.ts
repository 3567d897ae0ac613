import { createEffect, onCleanup } from 'solid-js';
import { languageShown, t } from '../i18n/page-language';

/** HR pages set no language and stay English; candidate and interviewer pages name the site in theirs. */
const site = () => (languageShown() ? t('site.name') : 'Interview booking');

/** Names the browser tab after what the page shows now ("Pick a time — Interview booking"). */
export function usePageTitle(title: () => string): void {
  createEffect(() => {
    document.title = `${title()} — ${site()}`;
  });
  onCleanup(() => {
    document.title = site();
  });
}
