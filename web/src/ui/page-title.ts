import { createEffect, onCleanup } from 'solid-js';
import { languageShown, t } from '../i18n/page-language';
import { shellText } from '../i18n/shell-language';

/** The site's name in the page's language; before a page shows one, the shell's (the browser's). */
const site = () => (languageShown() ? t('site.name') : shellText('shell.home.heading'));

/** Names the browser tab after what the page shows now ("Pick a time — Interview booking"). */
export function usePageTitle(title: () => string): void {
  createEffect(() => {
    document.title = `${title()} — ${site()}`;
  });
  onCleanup(() => {
    document.title = site();
  });
}
