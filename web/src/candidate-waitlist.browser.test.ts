import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invitationTo } from '@portal/system-tests/fixtures';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import type { Locale } from '@portal/shared/i18n/locales';
import { closeCheckingCsp, startCandidateRun, type CandidateRun } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { DESKTOP, PHONE, emailedLink } from './testing/candidate-page';

const run = Date.now();
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;
const dayAhead = (days: number) => Math.floor(Date.now() / DAY) * DAY + days * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the waitlist for an earlier time on the candidate page (real Chromium)', () => {
  let c: CandidateRun;

  beforeAll(async () => {
    c = await startCandidateRun(import.meta.url, { interviewer: 'Waitlist Default' });
  }, 120_000);

  afterAll(() => closeCheckingCsp(c?.browser, () => c?.portal.stop()));

  /** An interviewer with one hour a day (09:00 UTC), away until `fromDay`: a pool that fills. */
  async function oneHourADay(name: string, fromDay: number) {
    return c.hr.mutation<{ id: string }>('hr.interviewers.upsert', {
      name: `${name} ${run}`,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`,
      timezone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '10:00' }] })),
      overrides: [],
      timeOff: [{ start: iso(Date.now() - HOUR), end: iso(fromDay) }],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      maxPerDay: 4,
      active: true,
    });
  }

  async function invited(name: string, interviewerId: string, locale: Locale) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
    const { interviewId } = await c.hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: name,
      candidateEmail: email,
      candidateTimezone: 'UTC',
      position: 'Support Engineer',
      kind: 'technical',
      interviewerIds: [interviewerId],
      locale,
    });
    const link = emailedLink(await invitationTo(c.portal.sinkUrl, email, interviewId));
    return { interviewId, link, token: decodeURIComponent(link.slice(link.indexOf('/b/') + 3)) };
  }

  const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

  // Each size, language and answer once (English at 360 takes it, Arabic at 1280 keeps its time).
  it.each([
    ['en', 'phone', 'take', PHONE],
    ['ar', 'desktop', 'pass', DESKTOP],
  ] as const)('in %s on a %s: joins from the booked page, sees the earlier time held once another cancels, and answers it: %s, axe clean', { timeout: 120_000 }, async (locale, label, answer, viewport) => {
    const t = translatorFor(locale);
    const early = dayAhead(3) + 9 * HOUR;
    const late = dayAhead(4) + 9 * HOUR;
    const { id: member } = await oneHourADay(`Earlier ${locale} ${label}`, dayAhead(3));
    const gone = await invited(`Gone ${locale} ${label}`, member, locale);
    const waiting = await invited(`Waiting ${locale} ${label}`, member, locale);
    await c.portal.api.mutation('candidate.book', { token: gone.token, start: iso(early) });
    await c.portal.api.mutation('candidate.book', { token: waiting.token, start: iso(late) });

    const context = await c.browser.newContext({ viewport, locale: locale === 'ar' ? 'ar' : 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(waiting.link);
    await page.getByRole('button', { name: t('page.earlier.join') }).click();
    await page.getByText(t('page.earlier.waiting')).first().waitFor();

    // Another candidate cancels the earlier time: the page follows, and shows it held.
    await c.portal.api.mutation('candidate.cancel', { token: gone.token });
    const take = page.getByRole('button', { name: t('page.earlier.take') });
    await take.waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    if (answer === 'take') {
      await take.click();
      await page.getByRole('status').filter({ hasText: t('page.done.moved') }).waitFor();
      const view = await c.portal.api.query<{ slot: { start: string }; waitlist: unknown; hold: unknown }>('candidate.view', { token: waiting.token });
      expect(view).toMatchObject({ slot: { start: iso(early) }, waitlist: null, hold: null });
    } else {
      await page.getByRole('button', { name: t('page.earlier.pass') }).click();
      await page.getByRole('status').filter({ hasText: t('page.earlier.passed') }).waitFor();
      const view = await c.portal.api.query<{ slot: { start: string }; waitlist: unknown; hold: unknown }>('candidate.view', { token: waiting.token });
      expect(view).toMatchObject({ slot: { start: iso(late) }, waitlist: null, hold: null });
    }
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
