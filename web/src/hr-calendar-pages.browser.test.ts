import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { axeViolations } from './testing/axe';
import { closeCheckingCsp, hrSession, launchChromium } from './testing/portal-with-web';

/**
 * Issue 48's HR connection pages at a phone's width and a desktop's, axe clean, their screenshots
 * kept in docs/screenshots/hr: the Calendars page (the organisation's Google and Microsoft 365
 * connections, set by the shared portal's environment at the run's stand-ins) and an interviewer's
 * Calendar section with no calendar, on Google and on Microsoft 365.
 */
const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots', 'hr');
const WIDTHS = [360, 1280] as const;
const run = Date.now();
const KINDS = ['none', 'google', 'microsoft'] as const;
type Kind = (typeof KINDS)[number];

let portal: Awaited<ReturnType<typeof sharedWebPortal>>;
let browser: Browser;
let session: NonNullable<BrowserContextOptions['storageState']>;
const interviewers = {} as Record<Kind, { id: string; email: string }>;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  [portal, browser] = await Promise.all([sharedWebPortal(), launchChromium()]);
  const hr = await signInAsAdmin(portal.api);
  for (const kind of KINDS) {
    const email = `calendar-pages-${kind}-${run}@example.test`;
    interviewers[kind] = { id: (await alwaysAvailableInterviewer(hr, `Calendar Pages ${kind} ${run}`, 24, email)).id, email };
  }
  await hr.mutation('hr.calendars.connectGoogle', { interviewerId: interviewers.google.id });
  await hr.mutation('hr.calendars.connectMicrosoft', { interviewerId: interviewers.microsoft.id });
  // Read once, so the pages show when rather than "never".
  for (const kind of ['google', 'microsoft'] as const) {
    await eventually(
      async () => ((await hr.query<{ read?: { lastSyncedAt: string | null } }>('hr.calendars.status', { interviewerId: interviewers[kind].id })).read?.lastSyncedAt ? true : undefined),
      // A first read is a calendar-sync workflow of its own, queued behind the run's other work on a loaded machine.
      2 * ASYNC_WAIT_MS,
      `the first read of the ${kind} calendar`,
    );
  }
  session = await hrSession(browser, portal.webUrl);
}, 360_000);

afterAll(async () => {
  await closeCheckingCsp(browser, () => portal?.stop());
});

async function hrPage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'UTC', locale: 'en-GB', storageState: session });
  return context.newPage();
}

async function axeCleanAndFits(page: Page, width: number, what: string) {
  expect(await axeViolations(page), `axe on ${what} at ${width} px`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${what}`).toBeLessThanOrEqual(width);
}

describe.each(WIDTHS)('the HR calendar connection pages at %i px', (width) => {
  it('the Calendars page shows both organisation connections; axe clean', { timeout: 120_000 }, async () => {
    const page = await hrPage(width);
    await page.goto(`${portal.webUrl}/hr/calendars`);
    await page.getByRole('heading', { name: 'Calendars', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Google Workspace', level: 2 }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Microsoft 365', level: 2 }).waitFor();
    await page.getByText('GOOGLE_SERVICE_ACCOUNT_KEY').waitFor();
    await page.getByText('MICROSOFT_CLIENT_SECRET').waitFor();
    await axeCleanAndFits(page, width, 'the Calendars page');
    await page.screenshot({ path: resolve(screenshots, `calendars-${width}-full.png`), fullPage: true });
    await page.context().close();
  });

  it.each(KINDS)('an interviewer’s Calendar section with %s; axe clean', { timeout: 120_000 }, async (kind) => {
    const { id, email } = interviewers[kind];
    const page = await hrPage(width);
    await page.goto(`${portal.webUrl}/hr/interviewers/${id}`);
    const section = page.getByRole('region', { name: 'Calendar', exact: true });
    await section.waitFor({ timeout: 20_000 });
    if (kind === 'none') await section.getByText('No calendar connected').waitFor({ timeout: 20_000 });
    else {
      await section.getByText(`${email}, through the organisation’s ${kind === 'google' ? 'Google' : 'Microsoft'} connection`).waitFor({ timeout: 20_000 });
      expect(await section.getByText('Last synced never').count()).toBe(0);
    }
    // Admins choose among the ways in: the one in use is not offered again.
    expect(await section.getByRole('button', { name: 'Use Google Calendar' }).count()).toBe(kind === 'google' ? 0 : 1);
    expect(await section.getByRole('button', { name: 'Use Microsoft 365' }).count()).toBe(kind === 'microsoft' ? 0 : 1);
    await axeCleanAndFits(page, width, `the ${kind} interviewer's page`);
    await section.screenshot({ path: resolve(screenshots, `interviewer-calendar-${kind}-${width}.png`) });
    await page.context().close();
  });
});
