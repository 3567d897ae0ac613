import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SECOND_INTERVIEWS } from '@portal/system-tests/portal-under-test';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { seedHrInterviews, type SeededInterviews } from './testing/seed-hr-interviews';
import { formatWhen } from './hr/hr-time';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots', 'hr');
/** The HR user sits in New York: every time on their pages is in that zone, and says so. */
const zone = 'America/New_York';

let portal: PortalWithWeb;
let browser: Browser;
let page: Page;
let seeded: SeededInterviews;
type ListAnswer = { page: number; total: number; items: unknown[] };

beforeAll(async () => {
  // A slot every 5 s, so the completed interview starts seconds after it is booked; a minute long,
  // so HR has all of it to record the attendance.
  portal = await startPortalWithWeb(import.meta.url, { ...SECOND_INTERVIEWS, INTERVIEW_DURATION_MINUTES: '1', INVITATION_EXPIRY_MINUTES: '60' });
  const hr = await signInAsAdmin(portal.api);
  const { id } = await alwaysAvailableInterviewer(hr, 'Pages Interviewer');
  // The browser starts and signs in while the seeding waits for its completed interview's start:
  // neither needs the other.
  const signedIn = (async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: zone, locale: 'en-GB' });
    return signInToHr(await context.newPage(), portal.webUrl);
  })();
  // 19 waiting + 3 = 22 interviews: two pages of 20.
  [seeded, page] = await Promise.all([seedHrInterviews(portal.api, hr, portal.sinkUrl, id, 19), signedIn]);
  mkdirSync(screenshots, { recursive: true });
}, 300_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

const row = (name: string) => page.getByRole('listitem').filter({ hasText: name });
const badgeIn = (name: string) => row(name).locator('.status-badge');
const colours = (name: string) => badgeIn(name).evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color].join(' / '));
const openDetail = async (interviewId: string, heading: string) => {
  await page.goto(`${portal.webUrl}/hr/interviews/${interviewId}`);
  await page.getByRole('heading', { name: heading }).waitFor({ timeout: 20_000 });
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
};

describe('HR pages read at a glance', () => {
  it('the list shows each status as its own coloured badge with words, and a cancelled time as was', { timeout: 60_000 }, async () => {
    await page.goto(`${portal.webUrl}/hr`);
    await page.getByRole('heading', { name: '22 interviews' }).waitFor({ timeout: 20_000 });
    expect(await badgeIn('Booked Candidate').textContent()).toBe('Scheduled');
    expect(await badgeIn('Cancelled Candidate').textContent()).toBe('Cancelled');
    expect(await badgeIn('Completed Candidate').textContent()).toBe('Completed');
    expect(await row('Completed Candidate').locator('.outcome-badge').textContent()).toBe('Outcome: on hold');
    expect(await badgeIn('Waiting Candidate 19').textContent()).toBe('Invited');
    const seen = await Promise.all(['Booked Candidate', 'Cancelled Candidate', 'Completed Candidate', 'Waiting Candidate 19'].map(colours));
    expect(new Set(seen).size).toBe(4);
    expect(await row('Cancelled Candidate').locator('.was-slot').textContent()).toBe(`Cancelled, was ${formatWhen(seeded.cancelled.start, zone, 'en-GB')}`);
    expect(await row('Cancelled Candidate').locator('.was-slot s').count()).toBe(1);
    await page.getByText('Times in Eastern Standard Time (America/New York)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'list-1280x800.png') });

    await page.goto(`${portal.webUrl}/hr?status=CANCELLED`);
    await page.getByRole('heading', { name: '1 interview' }).waitFor({ timeout: 20_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a page number past the last shows the last page, and below 1 or not a number shows page 1, in the page and the API', { timeout: 60_000 }, async () => {
    for (const [asked, shown] of [['999', 'Page 2 of 2'], ['0', 'Page 1 of 2'], ['-4', 'Page 1 of 2'], ['abc', 'Page 1 of 2']] as const) {
      await page.goto(`${portal.webUrl}/hr?page=${asked}`);
      await page.getByText(shown).waitFor({ timeout: 20_000 });
      expect(await page.locator('ul.rows > li').count()).toBe(shown === 'Page 2 of 2' ? 2 : 20);
    }
    const hr = await signInAsAdmin(portal.api);
    const last = await hr.query<ListAnswer>('hr.interviews.list', { page: 999 });
    expect([last.page, last.items.length, last.total]).toEqual([2, 2, 22]);
    expect((await hr.query<ListAnswer>('hr.interviews.list', { page: -1 })).page).toBe(1);
    expect((await hr.query<ListAnswer>('hr.interviews.list', { page: 'abc' })).page).toBe(1);
  });

  it('a booked interview reads as a sentence in the viewer zone; message ids stay folded until asked for', { timeout: 60_000 }, async () => {
    await openDetail(seeded.booked.interviewId, 'Booked Candidate');
    const timeline = page.locator('ol.timeline');
    await timeline.getByText(`Booked for ${formatWhen(seeded.booked.start, zone, 'en-GB')} by the candidate`).waitFor();
    expect(await timeline.textContent()).not.toMatch(/→|SCHEDULED|\d{4}-\d{2}-\d{2}T/);
    expect(await page.locator('dl.facts .status-badge').textContent()).toBe('Scheduled');
    await page.getByRole('heading', { name: 'Timeline' }).locator('xpath=..').getByText('Times in Eastern Standard Time (America/New York)').waitFor();

    const disclosure = page.locator('details.message-id').first();
    await disclosure.waitFor({ timeout: 30_000 });
    const id = disclosure.locator('code');
    expect(await id.isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'detail-booked-1280x800.png') });
    await page.screenshot({ path: resolve(screenshots, 'detail-booked-1280-full.png'), fullPage: true });
    await disclosure.getByText('Message id').click();
    expect(await id.isVisible()).toBe(true);
    expect((await id.textContent())?.length).toBeGreaterThan(8);
  });

  it('a cancelled interview shows its old slot struck through as was, and who cancelled and why', { timeout: 60_000 }, async () => {
    await openDetail(seeded.cancelled.interviewId, 'Cancelled Candidate');
    const when = page.locator('dl.facts .was-slot');
    expect(await when.textContent()).toMatch(/^Cancelled, was /);
    expect(await when.locator('s').count()).toBe(1);
    await page.locator('ol.timeline').getByText('Cancelled by the candidate').waitFor();
    await page.locator('ol.timeline').getByText('Reason: found another job').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'detail-cancelled-1280-full.png'), fullPage: true });
  });

  it('a completed interview and the users page have no axe-core violations', { timeout: 60_000 }, async () => {
    await openDetail(seeded.completed.interviewId, 'Completed Candidate');
    await page.locator('ol.timeline').getByText('Marked as attended by admin@example.test').waitFor();
    await page.locator('ol.timeline').getByText('Outcome set to on hold by admin@example.test').waitFor();
    expect(await page.locator('dl.facts .status-badge').textContent()).toBe('Completed');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'detail-completed-1280-full.png'), fullPage: true });

    await page.goto(`${portal.webUrl}/hr/users`);
    await page.getByRole('heading', { name: 'HR users' }).waitFor({ timeout: 20_000 });
    await page.getByText('admin@example.test (you)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a read that fails says why under the page heading and offers Try again, which asks once more from the keyboard', { timeout: 60_000 }, async () => {
    await page.goto(`${portal.webUrl}/hr/interviews/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').getByText('Interview not found.').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Interview');
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.focus();
    const asked = page.waitForRequest((request) => request.url().includes('hr.interviews.get'));
    await page.keyboard.press('Enter');
    await asked;
    await page.getByRole('alert').getByText('Interview not found.').waitFor({ timeout: 20_000 });
    expect(await retry.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
