import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invitationTo } from '@portal/system-tests/fixtures';
import type { Locale } from '@portal/shared/i18n/locales';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import { axeViolations } from './testing/axe';
import { DESKTOP, PHONE, emailedLink, screenshot } from './testing/candidate-page';
import { closeCheckingCsp, startCandidateRun, type CandidateRun } from './testing/portal-with-web';

/**
 * The page an erased candidate's emailed link opens (docs/adr/0048): the link answers 410
 * LINK_ERASED, and the page says plainly that the data was erased, in the reader's language, with
 * nothing of the interview on it and nothing to press. Nothing of the interview is read any more,
 * its stored language included, so the page speaks the browser's language.
 */
const run = Date.now();
const INTERVIEWER = 'Erasure Page Interviewer';
const POSITION = `Erased Position ${run}`;

describe("the erased candidate's page (real Chromium, 360×740 and 1280×800)", () => {
  let c: CandidateRun;

  beforeAll(async () => {
    // The run's shared portal with its web app: this file erases only candidates of its own.
    c = await startCandidateRun(import.meta.url, { interviewer: INTERVIEWER });
  }, 120_000);

  afterAll(() => closeCheckingCsp(c?.browser, () => c?.portal.stop()));

  /** Invited in `locale`, then erased by an admin through the API; the invitation's link as emailed. */
  async function invitedThenErased(name: string, locale: Locale): Promise<string> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
    const { interviewId } = await c.hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: name,
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position: POSITION,
      kind: 'technical',
      interviewerIds: [c.interviewerId],
      locale,
    });
    const link = emailedLink(await invitationTo(c.portal.sinkUrl, email, interviewId));
    const erased = await c.hr.mutation<{ status: string; interviewIds: string[] }>('hr.privacy.erase', { email, notify: false });
    expect(erased).toMatchObject({ status: 'ERASED', interviewIds: [interviewId] });
    return link;
  }

  /** The candidate's link opened on a new device whose browser speaks `browserLocale`; the status the page's API request got. */
  async function open(link: string, browserLocale: string, viewport: typeof PHONE): Promise<{ page: Page; statuses: number[] }> {
    const context = await c.browser.newContext({ viewport, locale: browserLocale, timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const statuses: number[] = [];
    page.on('response', (response) => {
      // The opening reads leave as one batch (`/trpc/candidate.interviews,candidate.slots,candidate.view`).
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/trpc/') && pathname.slice('/trpc/'.length).split(',').includes('candidate.view')) statuses.push(response.status());
    });
    await page.goto(link);
    return { page, statuses };
  }

  it.each([
    { language: 'English', locale: 'en', browserLocale: 'en-GB', name: 'Erin Erased', dir: 'ltr', shot: 'link-erased' },
    { language: 'Arabic', locale: 'ar', browserLocale: 'ar', name: 'Amira Erased', dir: 'rtl', shot: 'link-erased-arabic' },
  ] as const)(
    'in $language: says the data was erased, shows nothing of the interview and nothing to press, passes axe',
    { timeout: 120_000 },
    async ({ locale, browserLocale, name, dir, shot }) => {
      const t = translatorFor(locale);
      const link = await invitedThenErased(`${name} ${run}`, locale);

      for (const viewport of [PHONE, DESKTOP]) {
        const size = `${viewport.width}x${viewport.height}`;
        const { page, statuses } = await open(link, browserLocale, viewport);
        await page.getByRole('heading', { level: 1, name: t('page.problem.erased') }).waitFor();
        const main = page.locator('main');
        expect(statuses, `${size}: the page's request for the interview`).toEqual([410]);
        expect(await main.textContent(), size).toContain(t('page.problem.erasedText'));
        expect(await page.title(), size).toContain(t('page.title.linkProblem'));
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), size).toEqual([locale, dir]);

        // Nothing of the interview: not the candidate, the position, the kind or the panel, no
        // details list, times or calendar; and nothing to press, to book or to try again.
        const text = (await page.locator('body').textContent()) ?? '';
        for (const gone of [name, POSITION, t('kind.technical'), INTERVIEWER]) expect(text, `${size}: ${gone}`).not.toContain(gone);
        expect(await main.locator('dl, time, form, input, .slot-list').count(), `${size}: interview details`).toBe(0);
        expect(await main.getByRole('button').count(), `${size}: buttons`).toBe(0);
        expect(await main.getByRole('link').count(), `${size}: links`).toBe(0);
        expect(text, size).not.toContain(t('page.problem.retry'));

        expect(await axeViolations(page), `axe at ${size}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `width at ${size}`).toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `${shot}-${size}`);
        await page.context().close();
      }
    },
  );
});
