import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inviteAndReadLink } from '@portal/system-tests/fixtures';
import { closeCheckingCsp, startCandidateRun, type CandidateRun, type PortalWithWeb } from './testing/portal-with-web';
import { LOCALE, PHONE, emailedLink, shownTimes } from './testing/candidate-page';
import { COMPRESSED_FROM_BYTES } from '../build/precompress';

const run = Date.now();
/** What a candidate's first visit may transfer in scripts, headers included (docs/adr/0049-first-visit-javascript.md). */
const BUDGET_BYTES = 60 * 1024;
/**
 * Chunks the page asks for only when its interview changes while it is open (follow-schedule.ts):
 * a change arriving during the visit (the invitation's delivery recorded, say) is not part of a
 * first visit, so they are reported beside the budget, not in it.
 */
const ON_CHANGE = /\/schedule-news-[^/]*\.js$/;

interface ScriptTransfer {
  file: string;
  /** Headers and body on the wire. */
  bytes: number;
  /** The body as the server sent it (compressed, if it was). */
  bodyBytes: number;
  encoding: string;
}

/**
 * Every script a first visit (fresh cache, phone) to `link` transfers until the free times are
 * shown and no further script is asked for: each one's bytes on the wire, headers and body, as
 * the browser counted them.
 */
async function firstVisitScripts(browser: Browser, link: string): Promise<ScriptTransfer[]> {
  const context = await browser.newContext({ viewport: PHONE, locale: LOCALE, timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const transfers: Promise<ScriptTransfer>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script' && !new URL(request.url()).pathname.endsWith('.js')) return;
    transfers.push(
      Promise.all([request.sizes(), request.response()]).then(async ([sizes, response]) => ({
        file: new URL(request.url()).pathname,
        bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        bodyBytes: sizes.responseBodySize,
        encoding: (await response?.headerValue('content-encoding')) ?? 'none',
      })),
    );
  });
  await page.goto(link);
  await shownTimes(page);
  await page.waitForLoadState('load');
  // Settled: no script asked for over two quiet seconds after the times are shown.
  for (let seen = -1; seen !== transfers.length; ) {
    seen = transfers.length;
    await page.waitForTimeout(2_000);
  }
  const scripts = await Promise.all(transfers);
  await context.close();
  return scripts;
}

describe('the candidate route\'s JavaScript on a first visit', () => {
  let portal: PortalWithWeb;
  let browser: Browser;
  let hr: CandidateRun['hr'];
  let interviewerId: string;

  beforeAll(async () => {
    ({ portal, browser, hr, interviewerId } = await startCandidateRun(import.meta.url, { interviewer: 'Budget Interviewer' }));
  }, 120_000);

  afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

  it('transfers at most 60 KB of scripts, headers included, every one of 1 KB or more brotli-compressed', { timeout: 120_000 }, async () => {
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'First Visit', email: `first.visit.${run}@example.test` }, [interviewerId]);
    const transferred = await firstVisitScripts(browser, emailedLink(invited.invitation));
    const scripts = transferred.filter((s) => !ON_CHANGE.test(s.file));
    const onChange = transferred.filter((s) => ON_CHANGE.test(s.file));
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    // The figures, for the ADR and for whoever moves them next.
    console.log(
      [...scripts.map((s) => `  ${s.file.padEnd(44)} ${(s.bytes / 1024).toFixed(2)} KB ${s.encoding}`), `  ${scripts.length} files, ${(total / 1024).toFixed(2)} KB`,
        ...onChange.map((s) => `  (asked for on a change during the visit, not counted: ${s.file} ${(s.bytes / 1024).toFixed(2)} KB)`)].join('\n'),
    );
    expect(scripts.length).toBeGreaterThan(0);
    // Under 1 KB a file goes as it is (Rolldown's runtime helpers, 158 bytes): compression would gain less than its headers cost.
    expect(transferred.filter((s) => s.encoding !== 'br' && s.bodyBytes >= COMPRESSED_FROM_BYTES)).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
