import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from '@portal/system-tests/fixtures';
import { SECOND_INTERVIEWS } from '@portal/system-tests/portal-under-test';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';
import { translatorFor } from '@portal/shared/i18n/server-translator';

const LOCALE = 'en-GB';
const run = Date.now();
const HOUR = 3_600_000;

let portal: PortalWithWeb;
let browser: Browser;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;
const interviewerName = `Scorecard Interviewer ${run}`;
const interviewerEmail = `${interviewerName.toLowerCase().replace(/\W+/g, '.')}@example.test`;

beforeAll(async () => {
  // A slot every 30 s: HR's reschedule form lists every free start of the horizon.
  portal = await startPortalWithWeb(import.meta.url, { ...SECOND_INTERVIEWS, SLOT_STEP_MINUTES: String(30 / 60) });
  hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, interviewerName)).id;
  browser = await launchChromium();
}, 180_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

async function hrSignedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: LOCALE, timezoneId: 'UTC' });
  return signInToHr(await context.newPage(), portal.webUrl);
}

const hhmm = (iso: string) => new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

// Side by side: the scorecard waits for its interview's start while HR moves another booking (an
// hour or more ahead, at another time of the same interviewer); each reads only its own interview.
describe.concurrent('the interviewer and HR in Chromium', () => {
  it('the interviewer submits a scorecard from the emailed link and HR reads it on the detail page', { timeout: 240_000 }, async ({ expect }) => {
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Scored Candidate', email: `scored.${run}@example.test` }, [interviewerId]);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 10_000)?.start ?? '';
    await portal.api.mutation('candidate.book', { token, start });
    await eventually(async () => (Date.now() >= Date.parse(start) ? true : undefined), 90_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId, attended: true });

    const request = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: interviewerEmail })).find((m) => m.Metadata.kind === 'feedback_request' && m.Metadata.interviewId === interviewId),
      ASYNC_WAIT_MS,
      'the feedback request',
    );
    const link = /https?:\/\/[^\s"'<>]+\/f\/[A-Za-z0-9_\-.]+/.exec(request.TextBody ?? '')?.[0] ?? '';
    expect(link.startsWith(`${portal.webUrl}/f/`)).toBe(true);

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: LOCALE });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Feedback on Scored Candidate' }).waitFor({ timeout: 20_000 });
    // Sent empty, the refusal is in the page's words from the catalogue, field by field, not the server's zod English.
    await page.getByRole('button', { name: 'Submit scorecard' }).click();
    const en = translatorFor('en');
    await page.locator('#rating-error:not([hidden])').waitFor({ timeout: 20_000 });
    expect(await page.locator('#rating-error').textContent()).toBe(en('error.field.rating'));
    expect(await page.locator('#recommendation-error').textContent()).toBe(en('error.field.recommendation'));
    expect(await page.getByRole('alert').filter({ hasText: en('error.BAD_INPUT') }).count()).toBe(1);
    await page.getByLabel('3 — Good').check();
    await page.getByLabel('Strong yes', { exact: true }).check();
    await page.getByLabel('Notes').fill('Explained trade-offs clearly.');
    await page.getByRole('button', { name: 'Submit scorecard' }).click();
    await page.getByText('your scorecard is saved').waitFor({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Save changes' }).isVisible()).resolves.toBe(true);
    await context.close();

    const hrPage = await hrSignedIn();
    await hrPage.goto(`${portal.webUrl}/hr/interviews/${interviewId}`);
    const feedback = hrPage.getByRole('region', { name: 'Feedback' });
    await feedback.waitFor({ timeout: 20_000 });
    const text = (await feedback.textContent()) ?? '';
    expect(text).toContain(interviewerName);
    expect(text).toContain('Rating 3 of 4');
    expect(text).toContain('Strong yes');
    expect(text).toContain('Explained trade-offs clearly.');
    await hrPage.context().close();
  });

  it("HR moves a booking for the candidate, and the candidate's page shows the new time", { timeout: 180_000 }, async ({ expect }) => {
    const { interviewId, token, invitation } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Moved Candidate', email: `moved.${run}@example.test` }, [interviewerId]);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const ahead = slots.filter((s) => Date.parse(s.start) > Date.now() + HOUR && Date.parse(s.start) % 600_000 === 0);
    const first = ahead[0]?.start ?? '';
    const later = ahead.find((s) => Date.parse(s.start) >= Date.parse(first) + HOUR)?.start ?? '';
    await portal.api.mutation('candidate.book', { token, start: first });

    const hrPage = await hrSignedIn();
    await hrPage.goto(`${portal.webUrl}/hr/interviews/${interviewId}`);
    await hrPage.getByRole('button', { name: 'Reschedule for the candidate' }).click();
    const time = hrPage.getByLabel(/New time/);
    await eventually(async () => ((await time.locator('option').count()) > 1 ? true : undefined), ASYNC_WAIT_MS, 'free times');
    await time.selectOption(later);
    await hrPage.getByLabel(/Reason \(the candidate/).fill('The interviewer is travelling');
    await hrPage.getByRole('button', { name: 'Move the interview' }).click();
    await hrPage.getByText(/^Moved to /).waitFor({ timeout: 20_000 });
    await hrPage.context().close();

    const link = /https?:\/\/[^\s"'<>]+\/b\/[A-Za-z0-9_\-.]+/.exec(invitation.TextBody ?? '')?.[0] ?? '';
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: LOCALE, timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: ASYNC_WAIT_MS });
    const shown = (await page.locator('dd.when').first().textContent()) ?? '';
    expect(shown).toContain(hhmm(later));
    expect(shown).not.toContain(hhmm(first));
    await context.close();
  });
});
