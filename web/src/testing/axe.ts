import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.x A and AA rules and axe's best practices. */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations on the page as it is now, one line each (rule, help, offending elements),
 * so a failing expectation names what to fix. The engine is evaluated over the DevTools protocol,
 * not added as a <script>: the app's Content-Security-Policy rightly refuses inline scripts.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    RULE_TAGS,
  );
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
