import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, invitationTo } from '@portal/system-tests/fixtures';
import { declineTheDesign, inviteTwoSessionLoop } from '@portal/system-tests/two-session-loop';
import { closeCheckingCsp, startCandidateRun, type CandidateRun, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { DESKTOP, LOCALE, PHONE, emailedLink, openAs, screenshot } from './testing/candidate-page';

const run = Date.now();

describe('a loop on the candidate page', () => {
  let portal: PortalWithWeb;
  let browser: Browser;
  let hr: CandidateRun['hr'];
  let pools: string[][];

  beforeAll(async () => {
    let grace: string;
    // The run's shared portal with its web app: every pool is interviewers of this file's own.
    ({ portal, browser, hr, interviewerId: grace } = await startCandidateRun(import.meta.url, { interviewer: `Loop Page A ${run}` }));
    const [b1, b2, c] = await Promise.all(['Loop Page B1', 'Loop Page B2', 'Loop Page C'].map(async (name) => (await alwaysAvailableInterviewer(hr, `${name} ${run}`)).id));
    pools = [[grace], [b1 ?? '', b2 ?? ''], [c ?? '']];
  }, 120_000);

  afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('on a %s: pick a whole itinerary, book every session at once, see them all; axe clean', { timeout: 120_000 }, async (size, viewport) => {
    const email = `loop.page.${size}.${run}@example.test`;
    const { interviewIds } = await hr.mutation<{ interviewIds: string[] }>('hr.loops.invite', {
      candidateName: 'Ada Lovelace',
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position: `Onsite ${size} ${run}`,
      sessions: [
        { title: 'Screening', kind: 'screening', interviewerIds: pools[0] },
        { title: 'System design', kind: 'technical', interviewerIds: pools[1], panelSize: 2 },
        { title: 'Values', kind: 'screening', interviewerIds: pools[2] },
      ],
    });
    const invitation = await invitationTo(portal.sinkUrl, email, interviewIds[0] ?? '');
    const page = await openAs(browser, emailedLink(invitation), 'Europe/London', viewport);
    const axeClean = async (state: string) => {
      expect(await axeViolations(page), `axe on ${state}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${state}`).toBeLessThanOrEqual(viewport.width);
    };
    const options = page.locator('.itinerary-list label.chip');
    await options.first().waitFor();
    // Each option shows every session with its panel.
    expect(await options.first().locator('.itinerary-sessions li').allTextContents()).toEqual([
      expect.stringContaining('Screening · 1 interviewer'),
      expect.stringContaining('System design · 2 interviewers'),
      expect.stringContaining('Values · 1 interviewer'),
    ]);
    await axeClean('the itineraries');
    await screenshot(page, `loop-1-itineraries-${viewport.width}x${viewport.height}`);

    await options.first().locator('input').check();
    const book = page.locator('.confirm-bar button[type="submit"]');
    expect(await book.textContent()).toMatch(/^Book /);
    await book.click();
    await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
    expect(await page.locator('#loop-sessions-title + ol li').count()).toBe(3);
    await axeClean('the booked loop');
    await screenshot(page, `loop-2-booked-${viewport.width}x${viewport.height}`, true);
    await page.context().close();
  });

  interface Application {
    interviews: { interviewId: string; current: boolean; loopId: string | null; status: string; link: string | null }[];
  }
  const inviteOne = async (email: string, position: string, interviewerIds: string[]) => {
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: 'Ada Lovelace',
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position,
      kind: 'screening',
      interviewerIds,
    });
    return { interviewId, link: emailedLink(await invitationTo(portal.sinkUrl, email, interviewId)) };
  };
  const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

  it('one page for every round: the screening’s link shows the booked loop with its link, the loop’s shows the screening; another candidate’s shows neither', { timeout: 180_000 }, async () => {
    const email = `application.${run}@example.test`;
    const position = `Application ${run}`;
    const screening = await inviteOne(email, position, pools[0] ?? []);
    await hr.mutation('hr.interviews.cancel', { interviewId: screening.interviewId, reason: 'Straight to the onsite' });
    // The cancelled screening lets go of the candidate's one active interview for the position as its change is stored.
    const loop = await eventually(
      () => hr.mutation<{ interviewIds: string[] }>('hr.loops.invite', {
        candidateName: 'Ada Lovelace',
        candidateEmail: email,
        candidateTimezone: 'Europe/London',
        position,
        sessions: [
          { title: 'System design', kind: 'technical', interviewerIds: pools[1], panelSize: 2 },
          { title: 'Values', kind: 'screening', interviewerIds: pools[2] },
        ],
      }).catch(() => undefined),
      ASYNC_WAIT_MS,
      'the loop, once the screening is cancelled',
    );
    const loopLink = emailedLink(await invitationTo(portal.sinkUrl, email, loop.interviewIds[0] ?? ''));
    const { itineraries } = await portal.api.query<{ itineraries: { itineraryId: string }[] }>('candidate.itineraries', { token: tokenOf(loopLink), timezone: 'Europe/London' });
    await portal.api.mutation('candidate.bookItinerary', { token: tokenOf(loopLink), itineraryId: itineraries[0]?.itineraryId, timezone: 'Europe/London' });
    // The same person for another position, and another person for this one: neither belongs to the application.
    await inviteOne(email, `Another role ${run}`, pools[0] ?? []);
    const stranger = await inviteOne(`stranger.${run}@example.test`, position, pools[0] ?? []);

    const page = await openAs(browser, screening.link, 'Europe/London', PHONE);
    const section = page.locator('section.application');
    await section.getByRole('heading', { name: 'Your interviews for this application' }).waitFor();
    const entries = section.locator('.application-entry');
    expect(await entries.count()).toBe(1);
    const theLoop = entries.first();
    expect(await theLoop.getByRole('heading').textContent()).toBe('Interview loop');
    expect(await theLoop.locator('.application-state').textContent()).toBe('Booked');
    expect(await theLoop.locator('.itinerary-sessions li').allTextContents()).toEqual([expect.stringContaining('System design · '), expect.stringContaining('Values · ')]);
    const open = theLoop.getByRole('link', { name: 'Change or cancel' });
    // The loop's own link, exactly as its invitation carried it.
    expect(await open.getAttribute('href')).toBe(loopLink);
    expect(await axeViolations(page), 'axe on the application list').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'application-1-from-the-screening-360x740', true);

    await open.click();
    await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
    await section.getByRole('heading', { name: 'Your interviews for this application' }).waitFor();
    expect(await entries.count()).toBe(1);
    expect(await entries.first().getByRole('heading').textContent()).toBe('Screening call');
    expect(await entries.first().locator('.application-state').textContent()).toBe('Cancelled');
    // Nothing left to do on a cancelled interview: no link to it.
    expect(await entries.first().getByRole('link').count()).toBe(0);
    expect(await axeViolations(page), 'axe on the loop with its application').toEqual([]);
    await page.context().close();

    // The stranger's page asks for its application and shows no list: theirs holds only their own interview.
    const strangers = await browser.newContext({ viewport: PHONE, locale: LOCALE, timezoneId: 'Europe/London' });
    const theirs = await strangers.newPage();
    const asked = theirs.waitForResponse((response) => response.url().includes('candidate.interviews'));
    await theirs.goto(stranger.link);
    expect((await asked).ok()).toBe(true);
    await theirs.getByRole('heading', { name: /pick a time for your interview/ }).waitFor();
    expect(await theirs.locator('section.application').count()).toBe(0);
    await strangers.close();
    const application = await portal.api.query<Application>('candidate.interviews', { token: tokenOf(stranger.link) });
    expect(application.interviews).toEqual([expect.objectContaining({ interviewId: stranger.interviewId, current: true, status: 'INVITED', link: null })]);

    // Right to left at 360 px: the same list in Arabic, every word from the catalogue.
    await portal.api.mutation('candidate.setLocale', { token: tokenOf(screening.link), locale: 'ar' });
    const arabic = await openAs(browser, screening.link, 'Europe/London', PHONE);
    const list = arabic.locator('section.application');
    await list.getByRole('heading', { name: 'مقابلاتك لهذا الطلب' }).waitFor();
    expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await list.locator('.application-state').textContent()).toBe('محجوزة');
    expect(await list.getByRole('link').textContent()).toBe('تغيير أو إلغاء');
    expect(await list.textContent()).not.toMatch(/page\.application/);
    expect(await arabic.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(arabic), 'axe on the application list in Arabic').toEqual([]);
    await screenshot(arabic, 'application-2-arabic-360x740', true);
    await arabic.context().close();
  });

  it('an interviewer leaves a booked session and nobody can take the place: the page asks for a new time, offers the whole loop again when none is left, and books it; axe clean', { timeout: 180_000 }, async () => {
    // Back to back: the design session can only start when the screen ends.
    const invited = await inviteTwoSessionLoop(hr, portal.sinkUrl, {
      label: 'Repick', run, candidate: { name: 'Ada Lovelace', email: `loop.repick.${run}@example.test`, timezone: 'Europe/London' }, position: `Repick ${run}`, durationMinutes: 30, screenKind: 'screening',
    });
    const { token } = invited;
    const { itineraries } = await portal.api.query<{ itineraries: { itineraryId: string; sessions: { start: string }[] }[] }>('candidate.itineraries', { token, timezone: 'Europe/London' });
    const [booked] = itineraries;
    if (!booked) throw new Error('no itinerary');
    await portal.api.mutation('candidate.bookItinerary', { token, itineraryId: booked.itineraryId, timezone: 'Europe/London' });

    // The design session's only interviewer declines: its re-pick opens, and the candidate is emailed.
    const offer = await declineTheDesign(portal.api, portal.sinkUrl, invited);

    // The offer's link opens the booked loop, which says which session needs a new time.
    const page = await openAs(browser, emailedLink(offer), 'Europe/London', PHONE);
    await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
    await page.getByText('An interviewer can no longer attend').waitFor();
    await page.getByRole('button', { name: 'Change the time of Design' }).click();
    const change = page.locator('section.session-change');
    await change.getByRole('heading', { name: 'A new time for Design' }).waitFor();
    // The screen stays where it is and no break is allowed: no time of its own, the whole loop instead.
    await change.getByText('No time is left for this session beside your other sessions').waitFor();
    expect(await change.getByText(/Your current time is held until/).count()).toBe(1);
    const options = change.locator('.itinerary-list label.chip');
    await options.first().waitFor();
    expect(await axeViolations(page), 'axe on the whole loop offered again').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'loop-3-rebook-360x740', true);

    const chosen = await options.first().locator('time[datetime]').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    expect(chosen, await options.first().innerHTML()).toHaveLength(2);
    await options.first().locator('input').check();
    const book = change.locator('.confirm-bar button[type="submit"]');
    expect(await book.textContent()).toMatch(/^Book /);
    await book.click();
    await change.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('An interviewer can no longer attend').count(), { timeout: ASYNC_WAIT_MS }).toBe(0);
    // Both sessions moved together to the chosen itinerary, the design session's panel whole again.
    const loop = await portal.api.query<{ sessions: { slot: { start: string } | null; needsNewTime: boolean }[] }>('candidate.loop', { token });
    expect(loop.sessions.map((s) => s.slot?.start)).toEqual(chosen);
    expect(loop.sessions.map((s) => s.needsNewTime)).toEqual([false, false]);
    expect(loop.sessions[1]?.slot?.start).not.toBe(booked.sessions[1]?.start);
    await page.context().close();
  });
});
