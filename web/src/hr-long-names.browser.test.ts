import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, invitationTo, linkToken, signInAsAdmin } from '@portal/system-tests/fixtures';
import { axeViolations } from './testing/axe';
import { closeCheckingCsp, hrSession, launchChromium, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

const run = Date.now();
/** 80 characters without a space: what HR pastes as a name more often than one would think (an id, a URL slug). */
const unbroken = (prefix: string) => `${prefix}${run}${'x'.repeat(80)}`.slice(0, 80);
const keyName = unbroken('KeyName');
const interviewerName = unbroken('Interviewer');
const endpointDescription = unbroken('Endpoint');
const templateName = unbroken('Template');
const sessionTitle = unbroken('Session');
/** More interviewers than a list of checkboxes can serve; NEEDLES of them share a word the search finds. */
const POOL = 210;
const NEEDLES = 12;

type Hr = Awaited<ReturnType<typeof signInAsAdmin>>;
let portal: PortalWithWeb;
let browser: Browser;
let hr: Hr;
let session: Awaited<ReturnType<typeof hrSession>>;
let interviewerId: string;
let loopId: string;
let loopSessions: string[];
const loopEmail = `loop.${run}@example.test`;

/** An interviewer free every hour of every day, with a short address whatever the name. */
async function interviewer(name: string, email: string): Promise<string> {
  return (await alwaysAvailableInterviewer(hr, name, 24, email)).id;
}

beforeAll(async () => {
  [portal, browser] = await Promise.all([startPortalWithWeb(import.meta.url, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }), launchChromium()]);
  [hr, session] = await Promise.all([signInAsAdmin(portal.api), hrSession(browser, portal.webUrl)]);
  interviewerId = await interviewer(interviewerName, `long.${run}@example.test`);
  const second = await interviewer(`Second ${run}`, `second.${run}@example.test`);
  for (let start = 0; start < POOL; start += 15) {
    await Promise.all(
      Array.from({ length: Math.min(15, POOL - start) }, (_, offset) => {
        const n = start + offset;
        const name = n < NEEDLES ? `Needle Pool ${n}` : `Haystack Pool ${n}`;
        return interviewer(name, `pool.${n}.${run}@example.test`);
      }),
    );
  }
  await hr.mutation('hr.apiKeys.create', { name: keyName, scopes: ['read'] });
  await hr.mutation('hr.webhooks.create', { url: `http://127.0.0.1:9/${unbroken('hook')}`, events: ['interview.booked'], description: endpointDescription });
  await hr.mutation('hr.loops.saveTemplate', {
    name: templateName,
    position: unbroken('Position'),
    sessions: [
      { title: sessionTitle, kind: 'screening', interviewerIds: [interviewerId] },
      { title: unbroken('Second'), kind: 'screening', interviewerIds: [second] },
    ],
    rules: {},
  });
  ({ loopId, interviewIds: loopSessions } = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
    candidateName: unbroken('Candidate'),
    candidateEmail: loopEmail,
    candidateTimezone: 'UTC',
    position: unbroken('Position'),
    sessions: [
      { title: sessionTitle, kind: 'screening', interviewerIds: [interviewerId] },
      { title: unbroken('Second'), kind: 'screening', interviewerIds: [second] },
    ],
  }));
}, 300_000);

afterAll(async () => {
  await closeCheckingCsp(browser, () => portal?.stop());
});

/** A page of HR's, signed in once for the file (hrSession): each test opens its own. */
async function signIn(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'UTC', locale: 'en-GB', storageState: session });
  return context.newPage();
}

/** Whether the page is wider than its viewport: something makes it scroll sideways. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('HR pages with 80-character names without a space', () => {
  it('API keys: after "Create key" focus moves to the key shown once', { timeout: 120_000 }, async () => {
    const page = await signIn(1280);
    await page.goto(`${portal.webUrl}/hr/api-keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Name', { exact: true }).fill(unbroken('NewKey'));
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = page.getByLabel('API key', { exact: true });
    await key.waitFor({ timeout: 20_000 });
    await expect.poll(() => key.evaluate((el) => el === document.activeElement)).toBe(true);
    // Selected whole, ready to copy.
    const [from, to, length] = await key.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
    expect([from, to]).toEqual([0, length]);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('API keys at 360 and 1280: "Revoke" keeps its label whole beside an 80-character name, nothing scrolls sideways', { timeout: 120_000 }, async () => {
    const page = await signIn(360);
    await page.goto(`${portal.webUrl}/hr/api-keys`);
    const revoke = page.getByRole('button', { name: `Revoke ${keyName}` });
    await revoke.waitFor({ timeout: 20_000 });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      // What the eye reads on it (the key's name is there for screen readers only, visually hidden).
      const shown = await revoke.evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
        return copy.textContent?.trim();
      });
      expect(shown, `the button's words at ${width}`).toBe('Revoke');
      // Whole: on one line, nothing cut off.
      expect(await revoke.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getClientRects().length === 1), `the button at ${width}`).toBe(true);
      expect(await scrollsSideways(page), `the API keys page at ${width}`).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('the interviewers list and an interviewer\'s page at 360 and 1280 do not scroll sideways', { timeout: 180_000 }, async () => {
    const page = await signIn(360);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${portal.webUrl}/hr/interviewers`);
      await page.getByText(interviewerName).first().waitFor({ timeout: 20_000 });
      expect(await scrollsSideways(page), `the list at ${width}`).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
      await page.getByRole('heading', { level: 1, name: interviewerName }).waitFor({ timeout: 20_000 });
      expect(await scrollsSideways(page), `the interviewer's page at ${width}`).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('the webhooks page with an endpoint\'s 80-character description at 360 and 1280 does not scroll sideways', { timeout: 120_000 }, async () => {
    const page = await signIn(360);
    await page.goto(`${portal.webUrl}/hr/webhooks`);
    await page.getByText(endpointDescription).waitFor({ timeout: 20_000 });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await scrollsSideways(page), `at ${width}`).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('the loop templates page, its list and its form, at 360 and 1280 does not scroll sideways', { timeout: 180_000 }, async () => {
    const page = await signIn(360);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${portal.webUrl}/hr/loop-templates`);
      await page.getByText(templateName).first().waitFor({ timeout: 20_000 });
      expect(await scrollsSideways(page), `the list at ${width}`).toBe(false);
      await page.getByRole('button', { name: `Edit ${templateName}` }).click();
      const title = page.locator('#tpl-s0-title');
      await title.waitFor({ timeout: 20_000 });
      expect(await title.inputValue()).toBe(sessionTitle);
      expect(await scrollsSideways(page), `the form, its pools naming the interviewer, at ${width}`).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('the pool picker with 200+ interviewers: a search narrows it, one button picks every match', { timeout: 120_000 }, async () => {
    const page = await signIn(1280);
    await page.goto(`${portal.webUrl}/hr/loop-templates`);
    await page.getByRole('button', { name: 'New template' }).click();
    const pool = page.getByRole('group', { name: 'Interviewer pool' }).first();
    await pool.getByRole('checkbox').first().waitFor({ timeout: 20_000 });
    const total = await pool.getByRole('checkbox').count();
    expect(total).toBeGreaterThanOrEqual(POOL);

    await pool.getByLabel('Find by name or email').fill('needle');
    await expect.poll(() => pool.getByRole('checkbox').count()).toBe(NEEDLES);
    expect(await pool.getByRole('checkbox', { checked: true }).count()).toBe(0);
    await pool.getByRole('button', { name: `Select all ${NEEDLES} matching` }).click();
    await expect.poll(() => pool.getByRole('checkbox', { checked: true }).count()).toBe(NEEDLES);
    expect(await pool.getByText(`${NEEDLES} of ${total} picked; a pool holds at most 20`).count()).toBe(1);
    // The button now undoes what it did; the others stay as they were.
    expect(await pool.getByRole('button', { name: `Clear all ${NEEDLES} matching` }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await pool.getByLabel('Find by name or email').fill('');
    await expect.poll(() => pool.getByRole('checkbox').count()).toBe(total);
    expect(await pool.getByRole('checkbox', { checked: true }).count()).toBe(NEEDLES);
    // The search goes by email too.
    await pool.getByLabel('Find by name or email').fill(`pool.3.${run}@`);
    await expect.poll(() => pool.getByRole('checkbox').count()).toBe(1);
    await page.context().close();
  });

  it('the loop page\'s header describes the whole loop: its sessions and its first start to its last end', { timeout: 180_000 }, async () => {
    const token = linkToken(await invitationTo(portal.sinkUrl, loopEmail, loopSessions[0] ?? ''));
    const { itineraries } = await portal.api.query<{ itineraries: { itineraryId: string }[] }>('candidate.itineraries', { token, timezone: 'UTC' });
    await portal.api.mutation('candidate.bookItinerary', { token, itineraryId: itineraries[0]?.itineraryId, timezone: 'UTC' });
    const booked = await hr.query<{ itinerary: { slot: { start: string; end: string } | null }[] }>('hr.loops.get', { loopId });
    const slots = booked.itinerary.map((s) => s.slot).filter((s) => s !== null);
    expect(slots).toHaveLength(2);

    const page = await signIn(360);
    await page.goto(`${portal.webUrl}/hr/loops/${loopId}`);
    const header = page.locator('section[aria-labelledby="loop-title"] .loop-span');
    await header.waitFor({ timeout: 20_000 });
    const text = (await header.textContent()) ?? '';
    expect(text).toMatch(/^Loop of 2 sessions · /);
    const range = header.locator('time');
    expect(await range.getAttribute('datetime')).toBe(slots[0]?.start);
    // From the first session's start to the last one's end, not the first session alone.
    const hm = (iso: string | undefined) => new Date(iso ?? '').toISOString().slice(11, 16);
    expect(await range.textContent()).toContain(hm(slots[0]?.start));
    expect(await range.textContent()).toContain(hm(slots[1]?.end));
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await scrollsSideways(page), `the loop page at ${width}`).toBe(false);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
