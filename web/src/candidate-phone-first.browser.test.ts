import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eventually, inviteAndReadLink, sinkMessages, ASYNC_WAIT_MS } from '@portal/system-tests/fixtures';
import { ApiError } from '@portal/system-tests/api-client';
import { closeCheckingCsp, startCandidateRun, type CandidateRun, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { DESKTOP, PHONE, emailedLink, openAs, pickZone, screenshot, shownTimes, timeIn } from './testing/candidate-page';

const run = Date.now();
const TOKYO = 'Asia/Tokyo';

/** The bytes a response takes on the wire (not decoded) and its Content-Encoding. */
function onTheWire(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((done, fail) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => done({ bytes, encoding: response.headers['content-encoding'] }));
      response.on('error', fail);
    }).on('error', fail);
  });
}

/**
 * On the first screen and not hidden under anything (the sticky bar): unscrolled, the element's box
 * lies within the viewport and its centre is the element itself.
 */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return scrollY === 0 && box.top >= 0 && box.bottom <= innerHeight && top !== null && el.contains(top);
  });
}

/**
 * Within the viewport, to the pixel: a box laid out on a fraction of a pixel rests up to a pixel
 * past the edge when scrolled to it (the scroll offset is a whole number).
 */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top > -1 && box.bottom < innerHeight + 1;
  });
}

/** Whether the element's box ends above the sticky confirm bar's top edge. */
async function clearOfBar(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const bar = document.querySelector('.confirm-bar')?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return bar !== undefined && box.top >= 0 && box.bottom <= bar.top;
  });
}

/** Whether the page has stopped scrolling: its offset is the same over two frames. */
async function scrollSettled(page: Page): Promise<boolean> {
  return page.evaluate(
    () => new Promise<boolean>((done) => { const before = scrollY; requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY === before))); }),
  );
}

describe('the candidate page, phone first, against the running portal', () => {
  let portal: PortalWithWeb;
  let browser: Browser;
  let hr: CandidateRun['hr'];
  let interviewerId: string;

  beforeAll(async () => {
    // The run's shared portal with its web app: the candidate pages show this file's candidates and
    // interviewer only.
    ({ portal, browser, hr, interviewerId } = await startCandidateRun(import.meta.url, { interviewer: 'Katherine Johnson' }));
  }, 120_000);

  afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])(
    'on a %s: a zone picked survives a reload, the booking and its email use it, a failed booking says so in view, every state passes axe',
    { timeout: 120_000 },
    async (size, viewport) => {
      const email = `zone.${size}.${run}@example.test`;
      const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Ada Lovelace', email }, [interviewerId]);
      const snap = (step: string, fullPage = false) => screenshot(page, `${step}-${viewport.width}x${viewport.height}`, fullPage);
      // Every state visited: no axe violation, and nothing wider than the screen.
      const axeClean = async (state: string) => {
        expect(await axeViolations(page), `axe on ${state}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${state}`).toBeLessThanOrEqual(viewport.width);
      };

      // Details, free times and the application's other interviews come in one batched request.
      const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
      const page = await context.newPage();
      const apiCalls: string[] = [];
      const streams: string[] = [];
      page.on('request', (request) => {
        if (!request.url().includes('/trpc/')) return;
        // The live stream of free times (server-sent events) stays open beside the page's one request.
        const path = new URL(request.url()).pathname;
        (path === '/trpc/candidate.live' ? streams : apiCalls).push(path);
      });
      await page.goto(emailedLink(invited.invitation));
      await page.getByRole('heading', { name: 'Hi Ada Lovelace, pick a time for your interview' }).waitFor();
      await page.locator('.slot-list label.chip').first().waitFor();
      expect(apiCalls, 'one API request on opening').toHaveLength(1);
      expect(apiCalls[0]?.replace('/trpc/', '').split(',').sort()).toEqual(['candidate.interviews', 'candidate.slots', 'candidate.view']);
      await expect.poll(() => streams, { timeout: 5_000 }).toEqual(['/trpc/candidate.live']);
      expect(await page.title()).toBe('Pick a time — Interview booking');
      expect(await page.locator('.zone-now').textContent()).toContain('Europe/Berlin');
      await axeClean('the booking page');
      await snap('1-pick-a-time');

      await pickZone(page, 'tokyo', TOKYO);
      expect(await page.locator('.zone-now').textContent()).toContain('Asia/Tokyo, GMT+9');
      await page.reload();
      await page.locator('.slot-list label.chip').first().waitFor();
      expect(await page.locator('.zone-now').textContent(), 'the zone after a reload').toContain('Asia/Tokyo, GMT+9');
      // Not the first time shown: it sits at the notice's edge, and a minute of checks on a loaded
      // machine carried "now" past it once (listed at 14:59, booked at 15:00: refused as no longer
      // offered). The next one is a step later.
      const shown = await shownTimes(page);
      const first = shown[1] ?? shown[0];
      if (!first) throw new Error('no free time shown');
      expect(first.text).toBe(timeIn(first.start, TOKYO));

      if (size === 'phone') {
        expect(await onFirstScreen(page, '.slot-list label.chip'), 'first free time on the first screen').toBe(true);
      }

      await page.locator(`.slot-list input[value="${first.start}"]`).check();
      const book = page.locator('.confirm-bar button[type="submit"]');
      expect(await book.textContent()).toMatch(new RegExp(`^Book \\w{3} \\d{1,2} \\w{3}, ${first.text}$`));
      if (size === 'phone') {
        await page.evaluate(() => scrollTo(0, 0));
        expect(await onFirstScreen(page, `.slot-list label.chip:has(input[value="${first.start}"])`), 'chosen time still on the first screen').toBe(true);
        expect(await onFirstScreen(page, '.confirm-bar button'), 'confirm bar on the first screen').toBe(true);
        const barBox = await page.locator('.confirm-bar').boundingBox();
        expect((barBox?.y ?? 999) + (barBox?.height ?? 0)).toBeLessThanOrEqual(740);
      }
      await axeClean('a time chosen');
      await snap('2-time-chosen');
      if (size === 'phone') {
        // The number to text, reached from the top of the page, comes to rest above the sticky bar.
        const phone = '.text-me input[type="tel"]';
        await page.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }));
        await page.locator(phone).focus();
        await expect.poll(() => scrollSettled(page)).toBe(true);
        expect(await clearOfBar(page, phone), 'the phone field above the confirm bar').toBe(true);
      }

      await page.route('**/trpc/candidate.book*', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'boom' }));
      await book.click();
      const failure = page.locator('.confirm-bar [role="alert"] .notice-error');
      await failure.waitFor();
      expect(await failure.textContent()).toContain('We could not reach the server');
      await expect.poll(() => failure.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await inView(page, '.confirm-bar [role="alert"] .notice-error'), 'the failure in view').toBe(true);
      await axeClean('a failed booking');
      await snap('3-booking-failed');
      await page.unroute('**/trpc/candidate.book*');

      await book.click();
      await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: ASYNC_WAIT_MS });
      expect(await page.title()).toBe("You're booked — Interview booking");
      const main = page.locator('main');
      expect(await main.textContent()).toContain(`A confirmation was sent to ${email}.`);
      expect(await page.locator('dd.when').textContent()).toContain(timeIn(first.start, TOKYO));
      const calendar = page.getByRole('navigation', { name: 'Add to calendar' });
      for (const name of ['Google Calendar', 'Outlook.com', 'Office 365']) {
        const href = new URL((await calendar.getByRole('link', { name }).getAttribute('href')) ?? '');
        const notes = href.searchParams.get('details') ?? href.searchParams.get('body') ?? '';
        expect(notes, `${name} event notes`).toContain(`/b/${invited.token}`);
        expect(notes, `${name} event notes`).toMatch(/Join: https?:\/\//);
      }
      expect(await calendar.getByRole('link', { name: /\.ics/ }).count()).toBe(1);
      await axeClean('the done page');
      await snap('4-booked', true);

      const confirmation = await eventually(
        async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Subject.startsWith('Confirmed:')),
        ASYNC_WAIT_MS,
        'the confirmation email',
      );
      expect(confirmation.Subject).toContain(`${timeIn(first.start, TOKYO)} (Asia/Tokyo, GMT+9)`);
      // A range within one day reads `10:00–11:00`; one past midnight names both days (`… at 23:45 – Friday, … at 00:45`).
      expect(confirmation.TextBody).toMatch(new RegExp(`${timeIn(first.start, TOKYO)}\\s?–`));
      expect(confirmation.TextBody).toContain('(Asia/Tokyo, GMT+9)');

      await page.getByRole('button', { name: 'Reschedule' }).click();
      const newTime = page.getByRole('heading', { name: 'Choose a new time' });
      await expect.poll(() => newTime.evaluate((el) => el === document.activeElement)).toBe(true);
      // Scrolled (smoothly, where motion is welcome) until the picker's heading leads the screen.
      await expect.poll(() => newTime.evaluate((el) => Math.round(el.getBoundingClientRect().top)), { timeout: 5_000 }).toBeLessThan(100);
      // Once the scroll has settled (the poll above passes while it may still be moving), it rests in view.
      await expect.poll(() => scrollSettled(page), { message: 'the scroll settled', timeout: 5_000 }).toBe(true);
      expect(await inView(page, 'h2:has-text("Choose a new time")'), 'the reschedule picker in view').toBe(true);
      expect(await page.getByRole('button', { name: 'Change time zone' }).count(), 'one zone control').toBe(1);
      await axeClean('rescheduling');
      await snap('5-reschedule');
      await page.getByRole('button', { name: 'Keep my current time' }).click();

      await page.getByRole('button', { name: 'Cancel interview' }).click();
      const ask = page.getByRole('heading', { name: 'Cancel this interview?' });
      await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
      await axeClean('confirming a cancel');
      await snap('6-cancel');
      await page.getByRole('button', { name: 'Yes, cancel the interview' }).click();
      const cancelled = page.getByRole('heading', { name: 'Your interview is cancelled' });
      await expect.poll(() => cancelled.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.title()).toBe('Interview cancelled — Interview booking');
      await axeClean('the cancelled page');
      await snap('7-cancelled');
      await context.close();
    },
  );

  it('sends the free times compressed: brotli when asked, gzip otherwise, several times smaller than the JSON', { timeout: 30_000 }, async () => {
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Slow Network', email: `slow.net.${run}@example.test` }, [interviewerId]);
    const url = `${portal.bookingUrl}/trpc/candidate.slots?input=${encodeURIComponent(JSON.stringify({ token: invited.token }))}`;
    const [raw, gzip, brotli] = await Promise.all([onTheWire(url, 'identity'), onTheWire(url, 'gzip'), onTheWire(url, 'br, gzip')]);
    expect(raw.encoding).toBeUndefined();
    expect(gzip.encoding).toBe('gzip');
    expect(brotli.encoding).toBe('br');
    expect(gzip.bytes * 4).toBeLessThan(raw.bytes);
    expect(brotli.bytes * 4).toBeLessThan(raw.bytes);
  });

  it('at 360×740 a candidate opts in to texts with a mobile number: a bad one is refused on its field, a good one gets the confirmation by SMS', { timeout: 150_000 }, async () => {
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Text Me', email: `text.me.${run}@example.test` }, [interviewerId]);
    const page = await openAs(browser, emailedLink(invited.invitation), 'Europe/Berlin', PHONE);
    // Not the first time shown (it sits at the notice's edge): two refused tries come before the
    // booking, and a loaded fresh-clone run carried "now" past that first time meanwhile.
    const shown = await shownTimes(page);
    const first = shown[1] ?? shown[0];
    if (!first) throw new Error('no free time shown');
    await page.locator(`.slot-list input[value="${first.start}"]`).check();
    const number = page.getByLabel('Mobile number, with country code');
    await page.getByLabel('Also text me the confirmation, changes and reminders').check();
    await page.locator('.confirm-bar button[type="submit"]').click();
    await expect.poll(() => number.evaluate((el) => el === document.activeElement), { timeout: 5_000 }).toBe(true);
    expect(await page.locator('.text-me .field-error').textContent()).toBe('Enter your mobile number to get texts.');

    await number.fill('0151 2345');
    await page.locator('.confirm-bar button[type="submit"]').click();
    await page.locator('.text-me .field-error:has-text("country code")').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect((await portal.api.query<{ status: string }>('candidate.view', { token: invited.token })).status).toBe('INVITED');
    expect(await axeViolations(page), 'axe with the number refused').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, `8-text-me-refused-${PHONE.width}x${PHONE.height}`);

    const e164 = `+4915123${String(run).slice(-6)}`;
    await number.fill(`+49 151 23${String(run).slice(-6)}`);
    await page.locator('.confirm-bar button[type="submit"]').click();
    await page.getByText(`Texts go to ${e164}.`).waitFor({ timeout: ASYNC_WAIT_MS });
    expect(await axeViolations(page), 'axe on the booked page with texts on').toEqual([]);
    await screenshot(page, `9-text-me-booked-${PHONE.width}x${PHONE.height}`);
    const texts = await eventually(async () => {
      const answer = (await (await fetch(`${portal.sinkUrl}/sms?to=${encodeURIComponent(e164)}`)).json()) as { messages: { body: string }[] };
      return answer.messages.length > 0 ? answer.messages : undefined;
    }, ASYNC_WAIT_MS, 'the confirmation text');
    expect(texts[0]?.body).toContain('is booked');
    await page.context().close();
  });

  it('refuses a time zone that does not exist as bad input, naming the field, and books nothing', { timeout: 30_000 }, async () => {
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Bad Zone', email: `bad.zone.${run}@example.test` }, [interviewerId]);
    const page = await openAs(browser, emailedLink(invited.invitation), 'UTC');
    const [first] = await shownTimes(page);
    if (!first) throw new Error('no free time shown');
    const refusal = await portal.api
      .mutation('candidate.book', { token: invited.token, start: first.start, timezone: 'Mars/Olympus_Mons' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(JSON.stringify((refusal as ApiError).zodError)).toContain('unknown time zone');
    expect((await portal.api.query<{ status: string }>('candidate.view', { token: invited.token })).status).toBe('INVITED');
    await page.context().close();
  });
});
