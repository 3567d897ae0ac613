import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  alwaysAvailableInterviewer,
  ASYNC_WAIT_MS,
  eventually,
  inviteAndReadLink,
  signInAsAdmin,
} from '@portal/system-tests/fixtures';
import { emailedLink, openAs, shownTimes, timeIn } from './testing/candidate-page';
import {
  closeCheckingCsp,
  launchChromium,
  startCandidateRun,
  startPortalWithWeb,
  type CandidateRun,
  type PortalWithWeb,
} from './testing/portal-with-web';

interface View {
  status: string;
  slot: { start: string; end: string } | null;
  cancelReason: string | null;
}

const run = Date.now();
/** Set to a folder to keep 360px screenshots of the pages, for reading them by eye. */
const screenshots = process.env['WEB_SCREENSHOTS_DIR'];

async function snap(page: Page, name: string, fullPage = true) {
  if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage });
}

/** Presses Tab until the focused element matches, so the test walks the page as a keyboard user. */
async function tabUntil(page: Page, matches: (el: Element | null) => boolean, what: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate<boolean>(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** A fixed-offset zone (`Etc/GMT…`, whose sign is the reverse of the offset's) where `iso` falls in the hour `hour`. */
function zoneWhereHourIs(hour: number, iso: string): string {
  const shift = (((hour - new Date(iso).getUTCHours()) % 24) + 24) % 24;
  const offset = shift > 14 ? shift - 24 : shift;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('candidate booking pages against the running portal', () => {
  let portal: PortalWithWeb;
  let browser: Browser;
  let hr: CandidateRun['hr'];
  let interviewerId: string;

  async function invite(name: string) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name, email }, [interviewerId]);
    return { ...invited, link: emailedLink(invited.invitation) };
  }

  beforeAll(async () => {
    // The run's shared portal with its web app: the candidate pages show this file's candidates and
    // interviewer only.
    ({ portal, browser, hr, interviewerId } = await startCandidateRun(import.meta.url, { interviewer: 'Grace Hopper' }));
  }, 120_000);

  afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

  it('books from the emailed link in a chosen zone, reschedules, then cancels with a reason', { timeout: 120_000 }, async () => {
    const { link, token } = await invite('Ada Lovelace');
    expect(link.startsWith(`${portal.webUrl}/b/`)).toBe(true);
    const page = await openAs(browser, link, 'America/New_York');
    await page.getByRole('heading', { name: 'Hi Ada Lovelace, pick a time for your interview' }).waitFor();

    const before = await shownTimes(page);
    for (const slot of before) expect(slot.text).toBe(timeIn(slot.start, 'America/New_York'));
    await page.getByRole('button', { name: 'Change time zone' }).click();
    await page.getByLabel('Find your city, zone or UTC offset').fill('japan');
    await page.getByRole('button', { name: /Asia\/Tokyo/ }).click();
    await expect.poll(() => page.locator('.zone-now').textContent()).toContain('Asia/Tokyo, GMT+9');
    const after = await shownTimes(page);
    for (const slot of after) expect(slot.text).toBe(timeIn(slot.start, 'Asia/Tokyo'));
    expect(after.map((s) => s.text)).not.toEqual(before.map((s) => s.text));
    await snap(page, 'slot-picker-360');

    const chosen = after[0];
    if (!chosen) throw new Error('no slot shown');
    await page.locator(`.slot-list input[value="${chosen.start}"]`).check();
    await page.getByRole('button', { name: new RegExp(`^Book .+, ${chosen.text}$`) }).click();
    await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: ASYNC_WAIT_MS });
    const booked = await portal.api.query<View>('candidate.view', { token });
    expect(booked).toMatchObject({ status: 'SCHEDULED', slot: { start: chosen.start } });

    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Your time (Asia/Tokyo)');
    expect(await page.locator('dd.when').textContent()).toContain('GMT+9');
    expect(await page.locator('dd.when').textContent()).toContain(timeIn(chosen.start, 'Asia/Tokyo'));
    expect(await main.textContent()).toContain("Grace Hopper's time (UTC)");
    expect(await main.textContent()).toMatch(/You can join from [^.]+\(Asia\/Tokyo\)\./);
    const calendar = page.getByRole('navigation', { name: 'Add to calendar' });
    expect(await calendar.getByRole('link', { name: 'Google Calendar' }).getAttribute('href')).toMatch(/^https:\/\/calendar\.google\.com\//);
    expect(await calendar.getByRole('link', { name: 'Outlook.com' }).getAttribute('href')).toMatch(/^https:\/\/outlook\.live\.com\//);
    const ics = calendar.getByRole('link', { name: /\.ics/ });
    if ((await ics.count()) > 0) {
      const response = await page.request.get(new URL((await ics.getAttribute('href')) ?? '', portal.webUrl).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/calendar');
      expect(await response.text()).toContain(`DTSTART:${chosen.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    }
    await snap(page, 'done-page-360');

    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    const other = (await shownTimes(page)).find((s) => s.start !== chosen.start);
    if (!other) throw new Error('no other slot to move to');
    await page.locator(`.slot-list input[value="${other.start}"]`).check();
    await page.getByRole('button', { name: new RegExp(`^Move to .+, ${other.text}$`) }).click();
    await page.getByText('Your interview has been moved.').waitFor({ timeout: ASYNC_WAIT_MS });
    expect(await page.locator('dd.when').textContent()).toContain(timeIn(other.start, 'Asia/Tokyo'));
    expect((await portal.api.query<View>('candidate.view', { token })).slot?.start).toBe(other.start);

    await page.getByRole('button', { name: 'Cancel interview' }).click();
    await page.getByLabel('Reason (optional)').fill('I accepted another offer');
    await page.getByRole('button', { name: 'Yes, cancel the interview' }).click();
    await page.getByRole('heading', { name: 'Your interview is cancelled' }).waitFor();
    expect(await main.textContent()).toContain('Reason given: I accepted another offer');
    expect(await portal.api.query<View>('candidate.view', { token })).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'I accepted another offer',
    });
    await page.context().close();
  });

  it('books with the keyboard alone, from opening the link to the done page, keeping its place when the times refresh', { timeout: 120_000 }, async () => {
    const [{ link, token }, other] = await Promise.all([invite('Katherine Johnson'), invite('Mary Jackson')]);
    // A zone where the first bookable day starts just after 01:00, so that day lists times for hours.
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const zone = zoneWhereHourIs(1, slots[0]?.start ?? '');
    const page = await openAs(browser, link, zone);
    await page.getByRole('heading', { name: /pick a time for your interview/ }).waitFor();
    await page.locator('.slot-list label.chip').first().waitFor();

    const isTimeRadio = (el: Element | null) => el instanceof HTMLInputElement && el.type === 'radio' && el.closest('.slot-list') !== null;
    await tabUntil(page, isTimeRadio, 'a time');
    await page.keyboard.press('Space');
    const start = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    expect(await page.locator(`.slot-list input[value="${start}"]`).isChecked()).toBe(true);

    // Someone else in the pool takes a time shown hours away from it (an interview there does not
    // overlap this one): the list refreshes live, and the keyboard user's focus and choice stay.
    const shown = await page.locator('.slot-list input[type=radio]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const taken = shown.filter((other) => Math.abs(Date.parse(other) - Date.parse(start)) >= 3 * 3_600_000).at(-1);
    if (!taken) throw new Error('no time shown hours away from the chosen one');
    await portal.api.mutation('candidate.book', { token: other.token, start: taken });
    await expect.poll(() => page.locator(`.slot-list input[value="${taken}"]`).count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(start);
    expect(await page.locator(`.slot-list input[value="${start}"]`).isChecked()).toBe(true);
    await tabUntil(page, (el) => el instanceof HTMLButtonElement && el.type === 'submit', 'the book button', 3);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(new RegExp(`^Book .+, ${timeIn(start, zone)}$`));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: ASYNC_WAIT_MS });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await portal.api.query<View>('candidate.view', { token })).toMatchObject({ status: 'SCHEDULED', slot: { start } });
    await page.context().close();
  });

  it('tells the candidate a slot was just taken and refreshes the times on the same screen', { timeout: 60_000 }, async () => {
    const [slow, fast] = await Promise.all([invite('Grace Slow'), invite('Alan Fast')]);
    const page = await openAs(browser, slow.link, 'UTC');
    // Without its live stream the page still shows the taken time, as when the stream is a moment
    // behind: the booking's refusal is what tells the candidate (the live drop: live-pages.browser.test.ts).
    await page.route('**/trpc/candidate.live**', (route) => route.abort());
    await page.reload();
    const [onScreen] = await shownTimes(page);
    if (!onScreen) throw new Error('no slot shown');

    const taken = await portal.api.mutation<View>('candidate.book', { token: fast.token, start: onScreen.start });
    expect(taken.status).toBe('SCHEDULED');

    const url = page.url();
    await page.locator(`.slot-list input[value="${onScreen.start}"]`).check();
    await page.getByRole('button', { name: new RegExp(`^Book .+, ${onScreen.text}$`) }).click();
    await page.getByRole('alert').getByText('That time was just taken by someone else — pick another').waitFor();
    await expect.poll(() => page.locator(`.slot-list input[value="${onScreen.start}"]`).count()).toBe(0);
    const notice = page.getByRole('alert').filter({ hasText: 'That time was just taken' });
    await expect
      .poll(() => notice.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight))
      .toBe(true);
    await snap(page, 'slot-taken-360', false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('That time was just taken by someone else — pick another');
    expect(await page.locator('.slot-list label.chip').count()).toBeGreaterThan(0);
    expect(page.url()).toBe(url);
    expect(await page.getByRole('heading', { name: /pick a time for your interview/ }).isVisible()).toBe(true);
    expect((await portal.api.query<View>('candidate.view', { token: slow.token })).status).toBe('INVITED');
    await page.context().close();
  });
});

describe('an invitation nobody booked in time', () => {
  let portal: PortalWithWeb;
  let browser: Browser;

  beforeAll(async () => {
    [portal, browser] = await Promise.all([
      startPortalWithWeb(`${import.meta.url}#expiry`, { INVITATION_EXPIRY_MINUTES: '0.1' }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

  it('shows the expired page, saying what to do, when the emailed link is opened after expiry', { timeout: 60_000 }, async () => {
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr);
    const candidate = { name: 'Late Larry', email: `late.larry.${run}@example.test` };
    const { token, invitation } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);
    await eventually(
      async () => ((await portal.api.query<View>('candidate.view', { token })).status === 'EXPIRED' ? true : undefined),
      ASYNC_WAIT_MS,
      'the invitation to expire',
    );

    const page = await openAs(browser, emailedLink(invitation), 'UTC');
    await page.getByRole('heading', { name: 'This invitation has expired' }).waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('No time was booked before the invitation ran out');
    expect(text).toContain('hr@example.test');
    expect(await page.locator('.slot-list').count()).toBe(0);
    await snap(page, 'expired-360');
    await page.context().close();
  });
});
