import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startBehindWebPreview } from '@portal/devstack/web-preview';
import { startPortal, type PortalUnderTest } from '@portal/system-tests/portal-under-test';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';

export interface PortalWithWeb extends PortalUnderTest {
  /** The built web app served by `vite preview`, proxying /trpc and /api to this portal's booking. */
  webUrl: string;
}

/**
 * A portal (three services as real processes) plus the built web app in front of it. The web port
 * is chosen first so the portal's emailed links (PUBLIC_WEB_URL) point at this preview.
 */
export async function startPortalWithWeb(file: string, overrides: Record<string, string> = {}): Promise<PortalWithWeb> {
  const { portal, preview } = await startBehindWebPreview((webUrl) => startPortal(file, { PUBLIC_WEB_URL: webUrl, ...overrides }));
  return {
    ...portal,
    webUrl: preview.webUrl,
    async stop() {
      await Promise.all([preview.stop(), portal.stop()]);
    },
  };
}

const violations = new WeakMap<Browser, string[]>();

/**
 * Debian's Chromium, headless; the flags keep it quiet and sandbox-free inside containers. Every
 * context it opens reports what the page's Content-Security-Policy refused to cspViolations().
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const seen: string[] = [];
  violations.set(browser, seen);
  const watch = (context: BrowserContext) => {
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) seen.push(`${message.location().url}: ${message.text()}`);
    });
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watch(page.context());
    return page;
  };
  return browser;
}

/** What the CSP refused on any page of `browser` so far; the app's own code should meet none. */
export function cspViolations(browser: Browser | undefined): string[] {
  return (browser && violations.get(browser)) ?? [];
}

/** The HR user every portal under test starts with. */
export const DEV_ADMIN = { email: 'admin@example.test', password: 'dev-admin-password' };

/** Signs `page` in to the HR console at `webUrl` through the sign-in form, and waits for the console. */
export async function signInToHr(page: Page, webUrl: string, who: { email: string; password: string } = DEV_ADMIN): Promise<Page> {
  await page.goto(`${webUrl}/hr`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'HR console' }).waitFor({ timeout: 20_000 });
  return page;
}

/**
 * HR's session as the browser keeps it (cookies and storage), signed in once through the form: a
 * file that opens many pages as HR gives each a context of its own with it (`storageState`), as a
 * new tab of a signed-in browser, instead of signing in again for every page.
 */
export async function hrSession(browser: Browser, webUrl: string, who: { email: string; password: string } = DEV_ADMIN): Promise<NonNullable<BrowserContextOptions['storageState']>> {
  const context = await browser.newContext();
  await signInToHr(await context.newPage(), webUrl, who);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * The end of a browser file: closes the browser, then stops each part in order, and fails the file
 * if any page's Content-Security-Policy refused something on the way.
 */
export async function closeCheckingCsp(browser: Browser | undefined, ...stops: (() => Promise<unknown> | undefined)[]): Promise<void> {
  const refused = cspViolations(browser);
  await browser?.close();
  for (const stop of stops) await stop();
  expect(refused, 'Content-Security-Policy violations').toEqual([]);
}

/** What a candidate-page file starts from: see startCandidateRun. */
export interface CandidateRun {
  portal: PortalWithWeb;
  browser: Browser;
  /** HR signed in through the API, to invite candidates. */
  hr: Awaited<ReturnType<typeof signInAsAdmin>>;
  /** An interviewer free at every hour, to invite them with. */
  interviewerId: string;
}

/**
 * The portal with its web app and Chromium, started side by side, HR signed in and one interviewer
 * ready. With `shared`, the run's shared portal with the web app (defaults; sharedWebPortal) instead
 * of one of the file's own, and the interviewer named `shared.interviewer`, of this file's own: the
 * portal's other files book theirs.
 */
export async function startCandidateRun(file: string, shared?: { interviewer: string }): Promise<CandidateRun> {
  const [portal, browser] = await Promise.all([shared ? sharedWebPortal() : startPortalWithWeb(file), launchChromium()]);
  const hr = await signInAsAdmin(portal.api);
  return { portal, browser, hr, interviewerId: (await alwaysAvailableInterviewer(hr, shared?.interviewer)).id };
}
