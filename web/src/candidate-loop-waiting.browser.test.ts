import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { alwaysAvailableInterviewer, editableInterviewer, eventually, invitationTo } from '@portal/system-tests/fixtures';
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

interface LoopView {
  sessions: { status: string; slot: { start: string; end: string } | null }[];
}

describe('a loop when no itinerary works, and its waitlist, on the candidate page (real Chromium)', () => {
  let c: CandidateRun;

  beforeAll(async () => {
    c = await startCandidateRun(import.meta.url, { interviewer: 'Loop Waiting Default' });
  }, 120_000);

  afterAll(() => closeCheckingCsp(c?.browser, () => c?.portal.stop()));

  /** A member of the test's own, free around the clock but away from today for `days` whole UTC days. */
  async function awayFor(name: string, days: number) {
    const { id } = await alwaysAvailableInterviewer(c.hr, `${name} ${run}`);
    const listed = await c.hr.query<Record<string, unknown>[]>('hr.interviewers.list');
    const doc = { ...editableInterviewer(listed.find((i) => i['id'] === id) ?? {}), id };
    const away = (until: number) => c.hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: until > 0 ? [{ start: iso(dayAhead(0)), end: iso(dayAhead(until)) }] : [] });
    await away(days);
    return { id, away };
  }

  async function inviteLoop(name: string, interviewerIds: string[], locale: Locale) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
    const { interviewIds } = await c.hr.mutation<{ interviewIds: string[] }>('hr.loops.invite', {
      candidateName: name,
      candidateEmail: email,
      candidateTimezone: 'UTC',
      position: 'Platform Engineer',
      locale,
      sessions: interviewerIds.map((id, i) => ({ title: `Session ${i + 1}`, kind: 'technical', durationMinutes: 30, interviewerIds: [id], panelSize: 1 })),
      rules: {},
    });
    const link = emailedLink(await invitationTo(c.portal.sinkUrl, email, interviewIds[0] ?? ''));
    return { link, token: decodeURIComponent(link.slice(link.indexOf('/b/') + 3)) };
  }

  const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

  // Each size and language once, each answer to the held itinerary once.
  it.each([
    ['en', 'phone', 'take', PHONE],
    ['ar', 'desktop', 'pass', DESKTOP],
  ] as const)('in %s on a %s: sends windows, sees the loop booked inside them, joins the waitlist and answers the earlier itinerary held: %s, axe clean', { timeout: 180_000 }, async (locale, label, answer, viewport) => {
    const t = translatorFor(locale);
    // Both panels away for four days: the candidate's window on day three fits nothing yet.
    const [first, second] = await Promise.all([awayFor(`Loop Wait ${locale} A`, 4), awayFor(`Loop Wait ${locale} B`, 4)]);
    const { link, token } = await inviteLoop(`Loop Waiting ${locale} ${label}`, [first.id, second.id], locale);
    const context = await c.browser.newContext({ viewport, locale: locale === 'ar' ? 'ar' : 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(link);

    await page.getByRole('button', { name: t('page.availability.open') }).click();
    const form = page.locator('.suggest-times');
    await form.getByLabel(t('page.availability.day'), { exact: true }).fill(iso(dayAhead(3)).slice(0, 10));
    await form.getByLabel(t('page.availability.from'), { exact: true }).fill('10:00');
    await form.getByLabel(t('page.availability.to'), { exact: true }).fill('12:00');
    await page.getByRole('button', { name: t('page.availability.send') }).click();
    await page.getByText(t('page.availability.waiting')).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    // Day three opens: the loop books both sessions inside the window, and the page follows.
    await Promise.all([first.away(3), second.away(3)]);
    const join = page.getByRole('button', { name: t('page.earlier.join') });
    // New hours reach the loop, its search claims both sessions, and the page hears of it: a chain of processes.
    await join.waitFor({ timeout: 60_000 });
    const booked = await c.portal.api.query<LoopView>('candidate.loop', { token });
    for (const session of booked.sessions) {
      expect(Date.parse(session.slot?.start ?? '')).toBeGreaterThanOrEqual(dayAhead(3) + 10 * HOUR);
      expect(Date.parse(session.slot?.end ?? '')).toBeLessThanOrEqual(dayAhead(3) + 12 * HOUR);
    }
    expect(await axeViolations(page)).toEqual([]);

    // On the waitlist; the earlier days open and a whole earlier itinerary is held for this candidate.
    await join.click();
    await page.getByText(t('page.earlier.waiting')).first().waitFor();
    await Promise.all([first.away(0), second.away(0)]);
    const take = page.getByRole('button', { name: t('page.earlier.take') });
    await take.waitFor({ timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    const before = booked.sessions.map((s) => s.slot?.start);
    if (answer === 'take') {
      await take.click();
      // The loop's move runs every session's reschedule and records the hold's end: a chain of
      // processes that a loaded run has stretched past 30 s.
      await page.getByRole('status').filter({ hasText: t('page.done.moved') }).waitFor({ timeout: 90_000 });
      const moved = await eventually(async () => {
        const loop = await c.portal.api.query<LoopView>('candidate.loop', { token });
        return loop.sessions.every((s) => Date.parse(s.slot?.start ?? '') < dayAhead(3)) ? loop : undefined;
      }, 60_000, 'every session moved earlier');
      expect(moved.sessions.map((s) => s.status)).toEqual(['SCHEDULED', 'SCHEDULED']);
    } else {
      await page.getByRole('button', { name: t('page.earlier.pass') }).click();
      await page.getByRole('status').filter({ hasText: t('page.earlier.passed') }).waitFor({ timeout: 90_000 });
      const kept = await c.portal.api.query<LoopView>('candidate.loop', { token });
      expect(kept.sessions.map((s) => s.slot?.start)).toEqual(before);
    }
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
