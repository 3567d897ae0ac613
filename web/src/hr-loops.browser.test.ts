import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, inviteAndReadLink, invitationTo, linkToken, signInAsAdmin, sinkMessages } from '@portal/system-tests/fixtures';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { strayText } from './testing/stray-text';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots', 'hr');
const run = Date.now();

let portal: PortalWithWeb;
let browser: Browser;
let page: Page;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let pools: { grace: string; ada: string; linus: string; margaret: string };

beforeAll(async () => {
  [portal, browser] = await Promise.all([startPortalWithWeb(import.meta.url), launchChromium()]);
  hr = await signInAsAdmin(portal.api);
  // No one sits on two sessions of the loop: a member shared by two sessions on one day counts for the first only (ADR 0031).
  const [grace, ada, linus, margaret] = await Promise.all(
    ['Grace Loop', 'Ada Loop', 'Linus Loop', 'Margaret Loop'].map(async (name) => (await alwaysAvailableInterviewer(hr, name)).id),
  );
  pools = { grace: grace ?? '', ada: ada ?? '', linus: linus ?? '', margaret: margaret ?? '' };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/London', locale: 'en-GB' });
  page = await signInToHr(await context.newPage(), portal.webUrl);
  mkdirSync(screenshots, { recursive: true });
}, 300_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

const axeClean = async (state: string) => expect(await axeViolations(page), `axe on ${state}`).toEqual([]);
/** Ids named by aria-describedby or aria-labelledby that no element in the page has. */
const danglingReferences = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap((element) =>
      [element.getAttribute('aria-describedby'), element.getAttribute('aria-labelledby')]
        .flatMap((ids) => (ids ?? '').split(/\s+/))
        .filter((id) => id !== '' && document.getElementById(id) === null),
    ),
  );
const PHONE = { width: 360, height: 740 };

describe('loops in the HR console', () => {
  it('a loop is one row in the list with its sessions; its page shows the itinerary, panels, status and outcome; HR cancels it there', { timeout: 240_000 }, async () => {
    const email = `loop.hr.${run}@example.test`;
    const { loopId, interviewIds } = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
      candidateName: 'Loop Candidate',
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position: 'Staff Engineer',
      sessions: [
        { title: 'Screening', kind: 'screening', interviewerIds: [pools.grace] },
        { title: 'System design', kind: 'technical', interviewerIds: [pools.ada, pools.linus], panelSize: 2 },
        { title: 'Values', kind: 'screening', interviewerIds: [pools.margaret] },
      ],
    });
    await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Single Candidate', email: `single.hr.${run}@example.test` }, [pools.grace], 'Support Engineer');

    await page.goto(`${portal.webUrl}/hr`);
    await page.getByRole('heading', { name: '4 interviews in 2 rows' }).waitFor({ timeout: 20_000 });
    const rows = page.locator('ul.rows > li');
    expect(await rows.count()).toBe(2);
    const loopRow = rows.filter({ hasText: 'Loop Candidate' });
    expect(await loopRow.count()).toBe(1);
    expect(await loopRow.locator('.loop-status').textContent()).toBe('Invited');
    expect(await loopRow.locator('.loop-sessions li').allTextContents()).toEqual([
      expect.stringMatching(/^Screening Not booked yet Invited$/),
      expect.stringMatching(/^System design Not booked yet Invited$/),
      expect.stringMatching(/^Values Not booked yet Invited$/),
    ]);
    expect(await rows.filter({ hasText: 'Single Candidate' }).locator('.row-title').getAttribute('href')).toMatch(/^\/hr\/interviews\//);
    await axeClean('the list with a loop');
    await page.screenshot({ path: resolve(screenshots, 'list-with-loop-1280-full.png'), fullPage: true });

    // The candidate books the whole loop from their one link: the row follows live, without a reload.
    const invitation = await invitationTo(portal.sinkUrl, email, interviewIds[0] ?? '');
    const token = linkToken(invitation);
    const { itineraries } = await portal.api.query<{ itineraries: { itineraryId: string }[] }>('candidate.itineraries', { token, timezone: 'Europe/London' });
    await portal.api.mutation('candidate.bookItinerary', { token, itineraryId: itineraries[0]?.itineraryId, timezone: 'Europe/London' });
    await expect.poll(() => loopRow.locator('.loop-status').textContent(), { timeout: 30_000 }).toBe('Booked');
    expect(await loopRow.locator('.loop-sessions .status-badge').allTextContents()).toEqual(['Scheduled', 'Scheduled', 'Scheduled']);

    await loopRow.locator('.row-title').click();
    await page.waitForURL(`**/hr/loops/${loopId}`);
    await page.getByRole('heading', { name: 'Itinerary' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Loop Candidate');
    expect(await page.locator('.loop-status').textContent()).toBe('Booked');
    expect(await page.locator('.facts .outcome-badge').textContent()).toBe('Outcome: pending');
    const sessions = page.locator('ol.itinerary > li');
    expect(await sessions.locator('h3').allTextContents()).toEqual(['Screening', 'System design', 'Values']);
    expect(await sessions.nth(1).textContent()).toMatch(/Panel: (Ada Loop, Linus Loop|Linus Loop, Ada Loop)/);
    expect(await sessions.nth(0).textContent()).toContain('Panel: Grace Loop');
    expect(await sessions.locator('h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(interviewIds.map((id) => `/hr/interviews/${id}`));
    await axeClean('the loop page');
    await page.screenshot({ path: resolve(screenshots, 'loop-booked-1280-full.png'), fullPage: true });
    expect(await danglingReferences(), 'the loop page').toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.querySelector('main')?.scrollWidth), 'the loop page at 360 px').toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: resolve(screenshots, 'loop-booked-360-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`${portal.webUrl}/hr/loops/${loopId}?lang=en-XA`);
    await page.locator('ol.itinerary > li').first().waitFor({ timeout: 20_000 });
    expect(await strayText(page), 'text not from the catalogue on the loop page').toEqual([]);
    await page.goto(`${portal.webUrl}/hr?lang=en-XA`);
    await page.locator('.loop-row').waitFor({ timeout: 20_000 });
    expect(await strayText(page), 'text not from the catalogue in the list').toEqual([]);
    await page.goto(`${portal.webUrl}/hr/loops/${loopId}`);
    await page.getByRole('heading', { name: 'Itinerary' }).waitFor({ timeout: 20_000 });

    await page.getByLabel('Reason for cancelling').fill('The position was filled.');
    await page.getByRole('button', { name: 'Cancel every session' }).click();
    await page.getByText('Loop cancelled; the candidate and every panel are told.').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.loop-status').textContent(), { timeout: 30_000 }).toBe('Cancelled');
    expect(await sessions.locator('.status-badge:not(.loop-status)').allTextContents()).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
    expect(await page.getByRole('button', { name: 'Cancel every session' }).count()).toBe(0);

    await sessions.nth(0).locator('h3 a').click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: 'Whole loop' }).getAttribute('href')).toBe(`/hr/loops/${loopId}`);
  });

  it('an admin creates a loop template on its page, sees each refusal beside its field, then edits it', { timeout: 180_000 }, async () => {
    await page.goto(`${portal.webUrl}/hr`);
    await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Loop templates' }).click();
    await page.getByText('No loop templates yet.').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.locator('form.template-form');
    await form.getByRole('button', { name: 'Save template' }).click();
    expect(await form.getByLabel('Template name').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#tpl-name-error').textContent()).toBe('Required');
    expect(await form.locator('#tpl-s0-pool-error').textContent()).toBe('Choose at least one');

    await form.getByLabel('Template name').fill('Onsite');
    await form.getByLabel('Position', { exact: true }).fill('Backend Engineer');
    const first = form.locator('fieldset.template-session').nth(0);
    const second = form.locator('fieldset.template-session').nth(1);
    await first.getByLabel('Title').fill('Coding');
    await first.getByLabel('Grace Loop').check();
    await second.getByLabel('Title').fill('Design');
    await second.getByLabel('Interview kind').selectOption('panel');
    await second.getByLabel('Ada Loop').check();
    await form.getByLabel('Shortest break (minutes)').fill('30');
    await form.getByLabel('Longest break (minutes)').fill('10');
    await form.getByRole('button', { name: 'Save template' }).click();
    // A panel interview seats two: one picked is too few; a longest break under the shortest is refused on its field.
    expect(await form.locator('#tpl-s1-pool-error').textContent()).toBe('Pick at least 2 interviewers for this panel.');
    expect(await form.getByLabel('Longest break (minutes)').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#tpl-maxBreakMinutes-error').textContent()).toBe('Make it at least the shortest break.');
    await axeClean('the template form with refusals');
    expect(await danglingReferences(), 'the template form').toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'loop-template-refusals-1280-full.png'), fullPage: true });

    await second.getByLabel('Linus Loop').check();
    await form.getByLabel('Longest break (minutes)').fill('45');
    await form.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved.').waitFor({ timeout: 20_000 });
    const row = page.locator('li.template-row').filter({ hasText: 'Onsite' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.loop-sessions li').allTextContents()).toEqual(['Coding', 'Design']);
    expect(await row.textContent()).toContain('sessions in order; breaks 30–45 min');

    await page.goto(`${portal.webUrl}/hr/loop-templates?lang=en-XA`);
    await page.locator('li.template-row').waitFor({ timeout: 20_000 });
    await page.locator('.page-title button.primary').click();
    await page.locator('form.template-form').waitFor();
    expect(await strayText(page), 'text not from the catalogue on the templates page').toEqual([]);
    await page.goto(`${portal.webUrl}/hr/loop-templates`);

    await page.getByRole('button', { name: 'Edit Onsite' }).click();
    await form.getByLabel('Template name').fill('Onsite, two days');
    await form.getByLabel('Days (consecutive)').fill('2');
    await form.getByRole('button', { name: 'Add a session' }).click();
    const third = form.locator('fieldset.template-session').nth(2);
    await third.getByLabel('Title').fill('Values');
    await third.getByLabel('Grace Loop').check();
    await form.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved.').waitFor({ timeout: 20_000 });
    await page.locator('li.template-row').filter({ hasText: 'Onsite, two days' }).waitFor({ timeout: 20_000 });
    await axeClean('the templates page');
    await page.screenshot({ path: resolve(screenshots, 'loop-templates-1280x800.png') });
    const templates = await hr.query<{ name: string; sessions: { title: string; kind: string; interviewerIds: string[] }[]; rules: { days: number; minBreakMinutes: number; maxBreakMinutes: number } }[]>('hr.loops.templates');
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({
      name: 'Onsite, two days',
      rules: { days: 2, minBreakMinutes: 30, maxBreakMinutes: 45 },
      sessions: [
        { title: 'Coding', kind: 'technical', interviewerIds: [pools.grace] },
        { title: 'Design', kind: 'panel', interviewerIds: [pools.ada, pools.linus] },
        { title: 'Values', kind: 'technical', interviewerIds: [pools.grace] },
      ],
    });

    await page.getByRole('button', { name: 'Delete Onsite, two days' }).click();
    await page.getByText('No loop templates yet.').waitFor({ timeout: 20_000 });
  });

  it('HR invites to a loop from the invite page (refusals beside their fields as for one interview), gets its link and page, then moves one booked session there', { timeout: 300_000 }, async () => {
    await hr.mutation('hr.loops.saveTemplate', {
      id: `pair-${run}`,
      name: 'Pair onsite',
      position: 'Platform Engineer',
      sessions: [
        { title: 'Screening', kind: 'screening', durationMinutes: 30, interviewerIds: [pools.grace], panelSize: 1 },
        { title: 'Design', kind: 'screening', durationMinutes: 30, interviewerIds: [pools.ada], panelSize: 1 },
      ],
      // Two days: whatever the hour the test runs at, the second session has later times to move to.
      rules: { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 90, days: 2, maxSessionsPerDay: 4 },
    });
    await page.goto(`${portal.webUrl}/hr/invite`);
    const what = page.getByLabel('Invite to');
    await page.locator('#invite-what option', { hasText: 'Pair onsite: loop of 2 sessions' }).waitFor({ state: 'attached', timeout: 20_000 });
    await what.selectOption({ label: 'Pair onsite: loop of 2 sessions' });
    // The template holds the sessions and pools: the single interview's fields go; its position fills in.
    expect(await page.getByLabel('Interview kind').count()).toBe(0);
    expect(await page.getByLabel('Position', { exact: true }).inputValue()).toBe('Platform Engineer');
    expect(await page.locator('#invite-what-hint').textContent()).toContain('Screening, Design');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await page.getByLabel('Candidate name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#invite-candidateName-error').textContent()).toBe('Required');
    expect(await page.locator('#invite-candidateEmail-error').textContent()).not.toBe('');
    await axeClean('the invite page with a loop chosen and refusals');
    expect(await danglingReferences(), 'the invite page').toEqual([]);

    const email = `loop.invited.${run}@example.test`;
    await page.getByLabel('Candidate name').fill('Invited Loop');
    await page.getByLabel('Candidate email').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const open = page.getByRole('link', { name: 'Open the loop' });
    await open.waitFor({ timeout: 60_000 });
    const loopHref = (await open.getAttribute('href')) ?? '';
    expect(loopHref).toMatch(/^\/hr\/loops\/[0-9a-f-]{36}$/);
    const linkField = page.getByLabel("Candidate's link for the whole loop");
    await expect.poll(() => linkField.inputValue(), { timeout: 20_000 }).toMatch(/\/b\//);
    const invitation = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Tag === 'invitation'),
      ASYNC_WAIT_MS,
      'the loop invitation',
    );
    const token = linkToken(invitation);
    expect(await linkField.inputValue()).toContain(`/b/${token}`);
    expect(await what.inputValue()).toBe('');
    await axeClean('the invite page after a loop invitation');
    await page.screenshot({ path: resolve(screenshots, 'invite-loop-sent-1280-full.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.querySelector('main')?.scrollWidth), 'the invite page at 360 px').toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: resolve(screenshots, 'invite-loop-sent-360-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The candidate books the pair; HR moves the second session on the loop's page.
    const { itineraries } = await portal.api.query<{ itineraries: { itineraryId: string; sessions: { start: string }[] }[] }>('candidate.itineraries', { token, timezone: 'Europe/London' });
    const [best] = itineraries;
    if (!best) throw new Error('no itinerary');
    await portal.api.mutation('candidate.bookItinerary', { token, itineraryId: best.itineraryId, timezone: 'Europe/London' });
    await open.click();
    await page.waitForURL(`**${loopHref}`);
    const sessions = page.locator('ol.itinerary > li');
    await expect.poll(() => page.locator('.loop-status').textContent(), { timeout: 30_000 }).toBe('Booked');
    const screeningTime = await sessions.nth(0).locator('.when-booked time').getAttribute('datetime');
    await page.getByRole('button', { name: 'Move Design' }).click();
    const time = page.getByLabel('New time (Europe/London)');
    expect(await time.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => time.locator('option').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    const target = await time.locator('option').nth(1).getAttribute('value');
    await time.selectOption(target ?? '');
    await page.getByLabel('Reason (the candidate sees it on the timeline)').fill('The design panel moved');
    await axeClean('the loop page moving a session');
    expect(await danglingReferences(), 'the move form').toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'loop-move-session-1280-full.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.querySelector('main')?.scrollWidth), 'the move form at 360 px').toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: resolve(screenshots, 'loop-move-session-360-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await page.getByText(/^Design moved to .*; the candidate and its panel are told\.$/).waitFor({ timeout: 30_000 });
    await expect.poll(() => sessions.nth(1).locator('.when-booked time').getAttribute('datetime'), { timeout: 30_000 }).toBe(target);
    expect(await sessions.nth(0).locator('.when-booked time').getAttribute('datetime')).toBe(screeningTime);
  });
});

