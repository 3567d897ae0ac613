import type { Page } from 'playwright-core';

/**
 * Words in plain Latin letters on the page that are not someone's data (marked translate="no") or
 * an instant as `Intl` wrote it (<time>, whose zone names "GMT+1" and "UTC" no catalogue holds):
 * under the pseudo-locale every catalogue letter is accented and dates are in Japanese script, so
 * each word found here is text a component wrote itself.
 */
export function strayText(page: Page, roots: string[] = ['main']): Promise<string[]> {
  return page.evaluate((selectors) => {
    const texts = [document.title.replace(/^.* — /, '')];
    for (const selector of selectors) {
      const root = document.querySelector(selector)?.cloneNode(true) as HTMLElement | undefined;
      if (!root) return [`<no ${selector}>`];
      for (const data of root.querySelectorAll('[translate="no"], time')) data.remove();
      texts.push(root.textContent ?? '');
      for (const el of root.querySelectorAll('[aria-label], [placeholder], [title]')) {
        texts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
      }
    }
    return texts.flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? []);
  }, roots);
}
