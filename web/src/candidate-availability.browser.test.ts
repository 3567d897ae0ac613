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
const ZONE = 'Europe/London';

/** The date a field holds, `days` from today in London. */
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY));

describe('"None of these times work" on the candidate page (real Chromium)', () => {
  let c: CandidateRun;

  beforeAll(async () => {
    c = await startCandidateRun(import.meta.url, { interviewer: 'Availability Default' });
  }, 120_000);

  afterAll(() => closeCheckingCsp(c?.browser, () => c?.portal.stop()));

  /** An interviewer of the test's own, free around the clock but away on `awayDate` (all day in UTC and London). */
  async function memberAwayOn(name: string, awayDate: string) {
    const { id } = await alwaysAvailableInterviewer(c.hr, `${name} ${run}`);
    const listed = await c.hr.query<Record<string, unknown>[]>('hr.interviewers.list');
    const doc = { ...editableInterviewer(listed.find((i) => i['id'] === id) ?? {}), id };
    const start = Date.parse(`${awayDate}T00:00:00Z`) - 3_600_000;
    await c.hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: [{ start: new Date(start).toISOString(), end: new Date(start + DAY + 2 * 3_600_000).toISOString() }] });
    return { id, doc };
  }

  async function invite(name: string, interviewerId: string, locale: Locale, availabilityAction?: 'offer') {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
    const { interviewId } = await c.hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: name,
      candidateEmail: email,
      candidateTimezone: ZONE,
      position: 'Support Engineer',
      kind: 'technical',
      interviewerIds: [interviewerId],
      locale,
      ...(availabilityAction ? { availabilityAction } : {}),
    });
    return { interviewId, link: emailedLink(await invitationTo(c.portal.sinkUrl, email, interviewId)) };
  }

  async function open(link: string, viewport: { width: number; height: number }, locale: Locale): Promise<Page> {
    const context = await c.browser.newContext({ viewport, locale: locale === 'ar' ? 'ar' : 'en-GB', timezoneId: ZONE });
    const page = await context.newPage();
    await page.goto(link);
    return page;
  }

  const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

  // Each size and each language once (English at 360, Arabic right to left at 1280): the suite's
  // time on two cores is shared by every file.
  it.each([
    ['en', 'phone', PHONE],
    ['ar', 'desktop', DESKTOP],
  ] as const)('in %s on a %s: the form opens on its heading, refuses a window shorter than the interview on that window, sends the times and shows them, axe clean', { timeout: 120_000 }, async (locale, label, viewport) => {
    const t = translatorFor(locale);
    const away = dayAhead(4);
    const member = await memberAwayOn(`Away ${locale} ${label}`, away);
    const { link } = await invite(`Avail ${locale} ${label}`, member.id, locale);
    const page = await open(link, viewport, locale);
    await page.getByRole('button', { name: t('page.availability.open') }).click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    const heading = page.getByRole('heading', { name: t('page.availability.heading') });
    const form = page.locator('.suggest-times');
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByLabel(t('page.availability.day'), { exact: true }).fill(away);
    await form.getByLabel(t('page.availability.from'), { exact: true }).fill('10:00');
    await form.getByLabel(t('page.availability.to'), { exact: true }).fill('10:30');
    expect(await scrollsSideways(page)).toBe(false);

    // Half an hour cannot hold the hour's interview: said on the window, in the page's language.
    await page.getByRole('button', { name: t('page.availability.send') }).click();
    await page.getByText(t('error.field.window')).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await form.getByLabel(t('page.availability.to'), { exact: true }).fill('12:00');
    await form.getByLabel(t('page.availability.note'), { exact: true }).fill('Any morning that week');
    await page.getByRole('button', { name: t('page.availability.send') }).click();
    await page.getByText(t('page.availability.waiting')).waitFor();
    await page.getByRole('status').filter({ hasText: t('page.done.availability') }).waitFor();
    expect(await page.locator('.windows-sent li').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await page.context().close();
  });

  it('the page follows: once the interviewer\'s time off is lifted, it shows the interview booked inside the window, without a reload', { timeout: 120_000 }, async () => {
    const away = dayAhead(5);
    const member = await memberAwayOn('Away Follow', away);
    const { interviewId, link } = await invite('Avail Follow', member.id, 'en');
    const page = await open(link, PHONE, 'en');
    const t = translatorFor('en');
    await page.getByRole('button', { name: t('page.availability.open') }).click();
    const form = page.locator('.suggest-times');
    await form.getByLabel(t('page.availability.day'), { exact: true }).fill(away);
    await form.getByLabel(t('page.availability.from'), { exact: true }).fill('14:00');
    await form.getByLabel(t('page.availability.to'), { exact: true }).fill('16:00');
    await page.getByRole('button', { name: t('page.availability.send') }).click();
    await page.getByText(t('page.availability.waiting')).waitFor();

    await c.hr.mutation('hr.interviewers.upsert', { ...member.doc, timeOff: [] });
    await page.getByRole('heading', { name: t('page.booked.heading') }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: t('page.done.booked') }).waitFor();
    const view = await eventually(async () => {
      const detail = await c.hr.query<{ status: string; slot: { start: string } | null }>('hr.interviews.get', { interviewId });
      return detail.status === 'SCHEDULED' ? detail : undefined;
    }, 30_000, 'the booking');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(view.slot?.start ?? ''))).toBe('14:00');
    await page.context().close();
  });

  it('with HR\'s "offer": the time found is shown held until its expiry, and one click books it', { timeout: 120_000 }, async () => {
    const away = dayAhead(6);
    const member = await memberAwayOn('Away Offer', away);
    const { interviewId, link } = await invite('Avail Offer', member.id, 'en', 'offer');
    const page = await open(link, DESKTOP, 'en');
    const t = translatorFor('en');
    await page.getByRole('button', { name: t('page.availability.open') }).click();
    const form = page.locator('.suggest-times');
    await form.getByLabel(t('page.availability.day'), { exact: true }).fill(away);
    await form.getByLabel(t('page.availability.from'), { exact: true }).fill('09:00');
    await form.getByLabel(t('page.availability.to'), { exact: true }).fill('11:00');
    await page.getByRole('button', { name: t('page.availability.send') }).click();
    await page.getByText(t('page.availability.waiting')).waitFor();

    await c.hr.mutation('hr.interviewers.upsert', { ...member.doc, timeOff: [] });
    const take = page.getByRole('button', { name: t('page.availability.take') });
    // The new hours reach the lifecycle, its search claims and offers the time, and the page hears of
    // it: a chain of several processes, which a loaded run stretches past 30 s.
    await take.waitFor({ timeout: 60_000 });
    expect(await page.locator('.held-time').textContent()).toMatch(/\b0?9:00\b/);
    expect(await axeViolations(page)).toEqual([]);
    await take.click();
    await page.getByRole('heading', { name: t('page.booked.heading') }).waitFor({ timeout: 30_000 });
    const detail = await c.hr.query<{ status: string; hold: unknown }>('hr.interviews.get', { interviewId });
    expect(detail).toMatchObject({ status: 'SCHEDULED', hold: null });
    await page.context().close();
  });
});
