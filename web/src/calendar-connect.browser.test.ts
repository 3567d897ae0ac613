import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { cspViolations, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

const USER = { name: 'cleo', password: 'cleo-app-password' };
const run = Date.now();

let radicale: TestRadicale;
let portal: PortalWithWeb;
let browser: Browser;
let interviewerId: string;

beforeAll(async () => {
  radicale = await startTestRadicale([USER]);
  const auth = { authorization: `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}` };
  for (const name of ['work', 'interviews']) await fetch(`${radicale.url}${USER.name}/${name}/`, { method: 'MKCALENDAR', headers: auth });
  portal = await startPortalWithWeb(import.meta.url, { CALENDAR_SYNC_SECONDS: '2' });
  interviewerId = (await alwaysAvailableInterviewer(await signInAsAdmin(portal.api), `Calendar Person ${run}`)).id;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await radicale?.close();
});

describe('connecting a calendar in Chromium', () => {
  it('the admin tests a wrong password (told plainly), then connects and sees when the calendar was last synced', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, timezoneId: 'UTC' });
    await signInToHr(page, portal.webUrl);
    await page.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
    await page.getByText('No calendar connected').waitFor({ timeout: 20_000 });

    await page.getByLabel('CalDAV server address').fill(radicale.url);
    await page.getByLabel('User name').fill(USER.name);
    await page.getByLabel('App password').fill('not-the-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The calendar server refused the user name or app password.').waitFor({ timeout: 20_000 });

    await page.getByLabel('App password').fill(USER.password);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works: 2 calendars found.').waitFor({ timeout: 20_000 });
    await page.getByLabel('Read busy times from').selectOption(`${radicale.url}${USER.name}/work/`);
    await page.getByLabel('Write booked interviews to').selectOption(`${radicale.url}${USER.name}/interviews/`);
    await page.getByRole('button', { name: 'Connect calendar' }).click();
    await page.getByText('Calendar connected; its busy times are being read.').waitFor({ timeout: 20_000 });
    // The sync runs beside the page: reload until it has read the calendar once.
    const synced = page.getByText(/Last synced (?!never).*UTC/);
    for (let i = 0; i < 40 && (await synced.count()) === 0; i += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByText(/Last synced/).waitFor({ timeout: 20_000 });
    }
    await synced.waitFor({ timeout: 5_000 });
    expect(await page.content()).not.toContain(USER.password);
    expect(cspViolations(browser)).toEqual([]);
  });
});
