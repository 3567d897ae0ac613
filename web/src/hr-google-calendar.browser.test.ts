import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { axeViolations } from './testing/axe';
import { closeCheckingCsp, launchChromium, signInToHr } from './testing/portal-with-web';

const run = Date.now();
const email = `google-page-${run}@example.test`;

let portal: Awaited<ReturnType<typeof sharedWebPortal>>;
let browser: Browser;
let interviewerId: string;

beforeAll(async () => {
  [portal, browser] = await Promise.all([sharedWebPortal(), launchChromium()]);
  interviewerId = (await alwaysAvailableInterviewer(await signInAsAdmin(portal.api), `Google Page ${run}`, 24, email)).id;
}, 240_000);

afterAll(async () => {
  await closeCheckingCsp(browser, () => portal?.stop());
});

describe('Google Calendar in the HR console', () => {
  it('the Calendars page shows the organisation’s Google connection set by the server, at 1280 and 360 px', { timeout: 120_000 }, async () => {
    for (const width of [1280, 360]) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, timezoneId: 'UTC' });
      await signInToHr(page, portal.webUrl);
      await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Calendars' }).click();
      await page.getByRole('heading', { name: 'Calendars', level: 1 }).waitFor({ timeout: 20_000 });
      await page.getByRole('heading', { name: 'Google Workspace' }).waitFor({ timeout: 20_000 });
      await page.getByText('@interview-portal-dev.iam.gserviceaccount.com').waitFor();
      await page.getByText('GOOGLE_SERVICE_ACCOUNT_KEY').waitFor();
      // Set by the server's environment: nothing to change here.
      expect(await page.getByLabel('Service account key (JSON)').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('an admin puts an interviewer on Google with one button and sees the calendar read', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, timezoneId: 'UTC' });
    await signInToHr(page, portal.webUrl);
    await page.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
    await page.getByText('No calendar connected').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Use Google Calendar' }).click();
    await page.getByText(`${email}, through the organisation’s Google connection`).waitFor({ timeout: 20_000 });
    await page.getByText('Not written to Google calendars yet').waitFor();
    // The first read happens at once: the page reads "never" until it is done.
    await expect.poll(async () => {
      await page.reload();
      await page.getByText('Last synced').first().waitFor({ timeout: 20_000 });
      return page.getByText('Last synced never').count();
    }, { timeout: 60_000, interval: 1_000 }).toBe(0);
    expect(await page.getByRole('button', { name: 'Use Google Calendar' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
