import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { alwaysAvailableInterviewer, eventually, sinkMessages } from '@portal/system-tests/fixtures';
import { closeCheckingCsp, startCandidateRun, type CandidateRun, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';
import { DESKTOP, PHONE, emailedLink, openAs, screenshot } from './testing/candidate-page';

const run = Date.now();

describe('a loop on the candidate page', () => {
  let portal: PortalWithWeb;
  let browser: Browser;
  let hr: CandidateRun['hr'];
  let pools: string[][];

  beforeAll(async () => {
    let grace: string;
    ({ portal, browser, hr, interviewerId: grace } = await startCandidateRun(import.meta.url));
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
    const invitation = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === interviewIds[0]),
      30_000,
      'the loop invitation',
    );
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
});
