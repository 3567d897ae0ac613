import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { closeCheckingCsp, launchChromium, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';
import { SECOND_INTERVIEWS } from '@portal/system-tests/portal-under-test';
import { alwaysAvailableInterviewer, eventually, signInAsAdmin, sinkMessages, type SinkMessage, ASYNC_WAIT_MS } from '@portal/system-tests/fixtures';

const candidateEmail = `flow.${Date.now()}@example.test`;

let portal: PortalWithWeb;
let webUrl: string;
let browser: Browser;
let interviewerName: string;

beforeAll(async () => {
  // The portal learns the web app's origin first, so its same-origin check for HR and the links it
  // emails both point at this site.
  portal = await startPortalWithWeb(import.meta.url, {
    ...SECOND_INTERVIEWS,
    // A slot every 30 s: the candidate's page lists a whole day's starts. Interviews of 30 s leave
    // the page time to show Join and the candidate time to click it.
    SLOT_STEP_MINUTES: String(30 / 60),
    INTERVIEW_DURATION_MINUTES: String(30 / 60),
    REMINDER_OFFSETS_MINUTES: String(10 / 60),
    INVITATION_EXPIRY_MINUTES: '60',
  });
  webUrl = portal.webUrl;
  interviewerName = 'Flow Interviewer';
  await alwaysAvailableInterviewer(await signInAsAdmin(portal.api), interviewerName);
  browser = await launchChromium();
}, 180_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

async function mailFor(interviewId: string, kind: string): Promise<SinkMessage> {
  return eventually(
    async () => (await sinkMessages(portal.sinkUrl, { to: candidateEmail })).find(
      (m) => m.Metadata.interviewId === interviewId && m.Metadata.kind === kind,
    ),
    ASYNC_WAIT_MS,
    `${kind} email`,
  );
}

/** The candidate's link exactly as emailed: it must open this site. */
function emailedLink(message: SinkMessage): string {
  const match = /https?:\/\/[^\s"'<>]+\/b\/[A-Za-z0-9_\-.]+/.exec(message.TextBody ?? message.HtmlBody ?? '');
  if (!match) throw new Error(`no candidate link in "${message.Subject}"`);
  expect(match[0].startsWith(`${webUrl}/b/`)).toBe(true);
  return match[0];
}

/** The free times of the day the page shows. */
async function shownStarts(page: Page): Promise<string[]> {
  await page.locator('fieldset.slot-list input[type=radio]').first().waitFor({ state: 'attached', timeout: 20_000 });
  return page.locator('fieldset.slot-list input[type=radio]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

/**
 * Books, in the candidate's page, the first free time at least `leadMs` ahead: on the day the page
 * opens with, or the next free day when that one has none far enough ahead (just before midnight).
 */
async function bookFromPage(page: Page, leadMs: number): Promise<string> {
  await page.getByRole('heading', { name: 'Choose a time' }).waitFor({ timeout: 20_000 });
  const farEnough = (starts: string[]) => starts.find((s) => Date.parse(s) - Date.now() > leadMs);
  let start = farEnough(await shownStarts(page));
  if (start === undefined) {
    const legend = (await page.locator('fieldset.slot-list legend').textContent()) ?? '';
    const nextDay = page.locator('button.day-cell.day-free[aria-pressed="false"]');
    if ((await nextDay.count()) === 0) await page.getByRole('button', { name: 'Next month' }).click();
    await nextDay.first().click();
    await page.locator('fieldset.slot-list legend').filter({ hasNotText: legend }).waitFor({ timeout: 20_000 });
    start = farEnough(await shownStarts(page));
  }
  if (start === undefined) throw new Error(`no free time ${leadMs} ms ahead on the first two free days`);
  await page.locator(`fieldset.slot-list input[value="${start}"]`).check();
  await page.getByRole('button', { name: /^Book / }).click();
  await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: ASYNC_WAIT_MS });
  return start;
}

async function hrStatusIs(hrPage: Page, interviewId: string, status: string): Promise<void> {
  await eventually(async () => {
    await hrPage.goto(`${webUrl}/hr/interviews/${interviewId}`);
    await hrPage.getByRole('heading', { name: 'Outcome and retake' }).waitFor({ timeout: 15_000 });
    const facts = (await hrPage.locator('dl.facts').textContent()) ?? '';
    return facts.includes(status) ? true : undefined;
  }, 150_000, `HR detail showing ${status}`);
}

describe('HR and candidate in Chromium, through a retake', () => {
  it('invite, book from the email, complete, fail, approve a retake; the old link is superseded and the new one books', { timeout: 420_000 }, async () => {
    const hrContext: BrowserContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const candidateContext: BrowserContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const hrPage = await hrContext.newPage();

    await hrPage.goto(`${webUrl}/hr`);
    await hrPage.getByRole('heading', { name: 'HR sign-in' }).waitFor({ timeout: 20_000 });
    await hrPage.getByLabel('Email').fill('admin@example.test');
    await hrPage.getByLabel('Password').fill('dev-admin-password');
    await hrPage.getByRole('button', { name: 'Sign in' }).click();
    await hrPage.getByRole('link', { name: /invite/i }).first().click();

    await hrPage.getByRole('heading', { name: 'Invite a candidate' }).waitFor({ timeout: 20_000 });
    await hrPage.getByLabel('Candidate name').fill('Flow Candidate');
    await hrPage.getByLabel('Candidate email').fill(candidateEmail);
    await hrPage.getByLabel('Position').fill('Platform Engineer');
    await hrPage.getByLabel(new RegExp(interviewerName)).check();
    await hrPage.getByRole('button', { name: 'Send invitation' }).click();
    const openInterview = hrPage.getByRole('link', { name: 'Open the interview' });
    await openInterview.waitFor({ timeout: 20_000 });
    const interviewId = decodeURIComponent((await openInterview.getAttribute('href'))?.split('/').at(-1) ?? '');
    expect(interviewId).not.toBe('');

    const oldLink = emailedLink(await mailFor(interviewId, 'invitation'));
    const candidatePage = await candidateContext.newPage();
    // The meeting opens in a new tab; the meeting service is not part of this test.
    candidatePage.on('popup', (popup) => void popup.close());
    await candidatePage.goto(oldLink);
    await candidatePage.getByRole('heading', { name: /pick a time for your interview/ }).waitFor({ timeout: 20_000 });
    const start = await bookFromPage(candidatePage, 20_000);

    // The page shows Join by itself once the room opens.
    const join = candidatePage.getByRole('button', { name: 'Join interview' });
    await join.waitFor({ timeout: Date.parse(start) - Date.now() + 60_000 });
    await join.click();
    await candidatePage.getByText('Your meeting:').waitFor({ timeout: 20_000 });

    await hrStatusIs(hrPage, interviewId, 'Completed');
    await hrPage.getByRole('button', { name: 'Failed' }).click();
    // The interviewer sent no scorecard: deciding without it is asked first.
    await hrPage.getByRole('button', { name: 'Decide without them' }).click();
    await hrPage.getByText('Outcome set to failed.').waitFor({ timeout: 20_000 });
    const allow = hrPage.getByRole('button', { name: 'Allow retake' });
    await eventually(async () => ((await allow.isEnabled()) ? true : undefined), ASYNC_WAIT_MS, 'Allow retake enabled');
    await allow.click();
    await hrPage.waitForURL((url) => url.pathname.startsWith('/hr/interviews/') && !url.pathname.endsWith(interviewId), { timeout: 30_000 });
    const retakeId = decodeURIComponent(new URL(hrPage.url()).pathname.split('/').at(-1) ?? '');
    await hrPage.getByRole('link', { name: 'Previous attempt' }).waitFor({ timeout: 20_000 });
    expect(await hrPage.locator('dl.facts').textContent()).toContain('Invited');

    await candidatePage.goto(oldLink);
    await candidatePage.getByRole('heading', { name: 'This interview was replaced' }).waitFor({ timeout: 20_000 });
    expect(await candidatePage.textContent('main')).toContain('use the link in your latest email');
    expect(await candidatePage.getByRole('button', { name: /^Book / }).count()).toBe(0);

    const newLink = emailedLink(await mailFor(retakeId, 'retake_invitation'));
    expect(newLink).not.toBe(oldLink);
    const retakePage = await candidateContext.newPage();
    await retakePage.goto(newLink);
    // Six minutes ahead: the first attempt's slot, just ended, still holds its 5-minute claim
    // cells, and with test slots seconds apart the next minutes share a cell with it.
    await bookFromPage(retakePage, 6 * 60_000);
    await hrStatusIs(hrPage, retakeId, 'Scheduled');

    await hrContext.close();
    await candidateContext.close();
  });
});
