import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.x A and AA rules and axe's best practices. */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations on the page as it is now, one line each (rule, help, offending elements),
 * so a failing expectation names what to fix. The engine is evaluated over the DevTools protocol,
 * not added as a <script>: the app's Content-Security-Policy rightly refuses inline scripts.
 *
 * The page is read scrolled to its end and then put back where it was. A sticky bar (the booking's
 * confirm bar, a form's save bar) covers whatever passes under it, and axe counts a target partly
 * under its button as too small to touch, so a reading at any other offset would depend on what
 * happens to lie there (on the candidate page, how many times the clock leaves on the first day).
 * At the end of the page a sticky bar rests in its own place and covers nothing. That a field
 * reached by the keyboard is never left under the bar is the stylesheet's scroll padding, and its
 * own test.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // The engine is half a megabyte of script: a document that has it already keeps it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(async (tags) => {
    const [x, y] = [scrollX, scrollY];
    scrollTo({ left: x, top: document.documentElement.scrollHeight, behavior: 'instant' });
    try {
      return await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    } finally {
      scrollTo({ left: x, top: y, behavior: 'instant' });
    }
  }, RULE_TAGS);
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
