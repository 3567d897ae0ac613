import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { cspViolations, launchChromium, signInToHr, type PortalWithWeb } from './testing/portal-with-web';
import { emailedLink } from './testing/candidate-page';

let portal: PortalWithWeb;
let browser: Browser;
let hr: BrowserContext;
let interviewerId: string;
let candidateLink: string;

/** Every page records what its Content-Security-Policy refused, as the page itself sees it. */
const recordViolations = () => {
  const seen: string[] = [];
  (window as unknown as { cspRefused: string[] }).cspRefused = seen;
  document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
};
const refusedOn = (page: Page) => page.evaluate(() => (window as unknown as { cspRefused: string[] }).cspRefused);

/** Each id named by aria-describedby or aria-labelledby that no element in the page has. */
const danglingReferences = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap((element) =>
      ['aria-describedby', 'aria-labelledby'].flatMap((attribute) =>
        (element.getAttribute(attribute) ?? '')
          .split(/\s+/)
          .filter((id) => id !== '' && document.getElementById(id) === null)
          .map((id) => `${element.tagName.toLowerCase()}#${element.id} ${attribute}=${id}`),
      ),
    ),
  );

beforeAll(async () => {
  // The run's shared portal with its web app (defaults: a week to book): the forms are checked on
  // this file's own interviewer and candidate; a submit of HR's empty forms creates nothing, and the
  // interviewer's form saves this file's interviewer as it was.
  portal = await sharedWebPortal();
  const admin = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(admin, 'Form Checks Interviewer')).id;
  const invited = await inviteAndReadLink(admin, portal.sinkUrl, { name: 'Form Checks', email: `form.checks.${Date.now()}@example.test` }, [interviewerId]);
  candidateLink = emailedLink(invited.invitation);
  browser = await launchChromium();
  hr = await browser.newContext({ viewport: { width: 1024, height: 800 }, timezoneId: 'UTC' });
  await hr.addInitScript(recordViolations);
  await (await signInToHr(await hr.newPage(), portal.webUrl)).close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe('HR forms in Chromium', () => {
  it('the users, invite and interviewer pages run under the CSP without a violation (zod never probes eval)', { timeout: 120_000 }, async () => {
    const pages: [string, (page: Page) => Promise<void>][] = [
      ['/hr/users', (page) => page.getByRole('heading', { name: 'HR users' }).waitFor({ timeout: 20_000 })],
      ['/hr/invite', (page) => page.getByRole('heading', { name: 'Invite a candidate' }).waitFor({ timeout: 20_000 })],
      [`/hr/interviewers/${interviewerId}`, (page) => page.locator('#interviewer-name').waitFor({ timeout: 20_000 })],
    ];
    for (const [path, ready] of pages) {
      const page = await hr.newPage();
      await page.goto(`${portal.webUrl}${path}`);
      await ready(page);
      // A submit parses the form with the shared schemas in the page.
      await page.locator('form [type="submit"]').first().click();
      await page.waitForTimeout(300);
      expect(await refusedOn(page), path).toEqual([]);
      await page.close();
    }
    expect(cspViolations(browser)).toEqual([]);
  });

  it('an invalid invite moves focus to the first invalid field, marks each, and announces what to fix', { timeout: 60_000 }, async () => {
    const page = await hr.newPage();
    await page.goto(`${portal.webUrl}/hr/invite`);
    await page.getByRole('heading', { name: 'Invite a candidate' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Candidate email').fill('not-an-email');
    await page.getByRole('button', { name: 'Send invitation' }).click();

    expect(await page.evaluate(() => document.activeElement?.id)).toBe('invite-candidateName');
    // The form's first alert region is its summary of what to fix.
    const alert = page.locator('form [role="alert"]').first();
    expect(await alert.textContent()).toBe('Check these 4 fields: Candidate name, Candidate email, Position, Interviewers.');
    for (const id of ['invite-candidateName', 'invite-candidateEmail', 'invite-position']) {
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');
    }
    expect(await page.locator('fieldset').filter({ hasText: 'Interviewers' }).first().getAttribute('aria-invalid')).toBe('true');
    // The focused field's description is its message, which a screen reader reads with the label.
    const described = await page.evaluate(() => {
      const ids = document.activeElement?.getAttribute('aria-describedby')?.split(' ') ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent).join(' ');
    });
    expect(described).toBe('Required');
    expect(await danglingReferences(page)).toEqual([]);

    // Fixed fields lose their marks on the next submit; focus goes to what is still wrong.
    await page.getByLabel('Candidate name').fill('Ada Lovelace');
    await page.getByLabel('Candidate email').fill('ada@example.test');
    await page.getByLabel('Position').fill('Engineer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await page.evaluate(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent)).toBe('Interviewers');
    expect(await page.locator('#invite-candidateName').getAttribute('aria-invalid')).toBe('false');
    expect(await alert.textContent()).toBe('Check this field: Interviewers.');
    await page.close();
  });

  it('every aria-describedby and aria-labelledby on the HR pages and the candidate page names an element that exists', { timeout: 120_000 }, async () => {
    const paths = ['/hr', '/hr/users', '/hr/invite', '/hr/interviewers', `/hr/interviewers/${interviewerId}`, '/hr/interviewers/new'];
    for (const path of paths) {
      const page = await hr.newPage();
      await page.goto(`${portal.webUrl}${path}`);
      await page.locator('main h1').first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      expect(await danglingReferences(page), path).toEqual([]);
      await page.close();
    }
    const candidate = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await candidate.goto(candidateLink);
    await candidate.getByRole('heading', { name: /pick a time for your interview/ }).waitFor({ timeout: 20_000 });
    await candidate.locator('.slot-list label.chip').first().waitFor({ timeout: 20_000 });
    expect(await danglingReferences(candidate), 'candidate page').toEqual([]);
    await candidate.getByRole('button', { name: 'Change time zone' }).click();
    expect(await danglingReferences(candidate), 'candidate page, zone picker open').toEqual([]);
    await candidate.close();
  });
});
