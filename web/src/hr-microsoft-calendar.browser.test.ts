import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testMicrosoftGraph } from '@portal/devstack/testing';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { axeViolations } from './testing/axe';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

const run = Date.now();
const email = `microsoft-page-${run}@example.test`;
const app = testMicrosoftGraph();

let portal: PortalWithWeb;
let browser: Browser;
let interviewerId: string;

beforeAll(async () => {
  // A portal of its own whose environment sets no Microsoft 365 connection: the admin sets it on the page.
  [portal, browser] = await Promise.all([startPortalWithWeb(import.meta.url, { MICROSOFT_TENANT_ID: '', MICROSOFT_CLIENT_ID: '', MICROSOFT_CLIENT_SECRET: '' }), launchChromium()]);
  interviewerId = (await alwaysAvailableInterviewer(await signInAsAdmin(portal.api), `Microsoft Page ${run}`, 24, email)).id;
}, 240_000);

afterAll(async () => {
  await closeCheckingCsp(browser, () => portal?.stop());
});

describe('Microsoft 365 in the HR console', () => {
  it('an admin sets the organisation’s app registration on the Calendars page: a wrong secret is refused, the right one is saved and shown, at 1280 and 360 px', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
    await signInToHr(page, portal.webUrl);
    await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Calendars' }).click();
    await page.getByRole('heading', { name: 'Microsoft 365', exact: true }).waitFor({ timeout: 20_000 });
    const microsoft = page.getByRole('region', { name: 'Microsoft 365', exact: true });
    await page.getByText('No Microsoft 365 connection yet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Directory (tenant) ID').fill(app.tenantId);
    await page.getByLabel('Application (client) ID').fill(app.clientId);
    await page.getByLabel('Client secret value').fill('not-the-secret');
    await page.getByLabel('An address in your tenant to check it with').fill(email);
    await microsoft.getByRole('button', { name: 'Check and save' }).click();
    await microsoft.getByText('Microsoft refused the calendar connection').waitFor({ timeout: 20_000 });
    await microsoft.getByText('No Microsoft 365 connection yet.').waitFor();

    await page.getByLabel('Client secret value').fill(app.clientSecret);
    await microsoft.getByRole('button', { name: 'Check and save' }).click();
    await page.getByText('Microsoft 365 connection saved.').waitFor({ timeout: 20_000 });
    await microsoft.getByText(`${app.clientId} in tenant ${app.tenantId}`).waitFor();
    await microsoft.getByText('by admin@example.test').waitFor();
    expect(await microsoft.getByRole('button', { name: 'Remove the Microsoft 365 connection' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 360, height: 800 });
    await microsoft.getByText(`${app.clientId} in tenant ${app.tenantId}`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('HR puts an interviewer on Microsoft 365 with one button and sees the mailbox read', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, timezoneId: 'UTC' });
    await signInToHr(page, portal.webUrl);
    await page.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
    await page.getByText('No calendar connected').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Use Microsoft 365' }).click();
    await page.getByText(`${email}, through the organisation’s Microsoft connection`).waitFor({ timeout: 20_000 });
    // The first read happens at once: the page reads "never" until it is done.
    await expect.poll(async () => {
      await page.reload();
      await page.getByText('Last synced').first().waitFor({ timeout: 20_000 });
      return page.getByText('Last synced never').count();
    }, { timeout: 60_000, interval: 1_000 }).toBe(0);
    expect(await page.getByRole('button', { name: 'Use Microsoft 365' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
