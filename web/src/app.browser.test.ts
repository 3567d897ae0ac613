import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { type Browser, type Page } from 'playwright-core';
import { closeCheckingCsp, launchChromium } from './testing/portal-with-web';
import { previewWeb } from './testing/preview-web';
import { CONTENT_SECURITY_POLICY } from '../build/security-headers';

/**
 * Stands in for booking until the real API runs in this suite: it answers tRPC batch requests in
 * the wire format of @trpc/server 11 (no transformer). The candidate link is refused as
 * LINK_INVALID and nobody is signed in.
 */
function startFakeBooking(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const procedures = url.pathname.replace(/^\/trpc\//, '').split(',');
    const answers = procedures.map((path) => {
      if (path === 'hr.auth.me') return { result: { data: null } };
      const domainCode = path.startsWith('candidate.') ? 'LINK_INVALID' : 'NOT_FOUND';
      return {
        error: {
          message: domainCode === 'LINK_INVALID' ? 'This link is not valid' : 'Not found',
          code: -32004,
          data: { code: 'NOT_FOUND', httpStatus: 404, path, domainCode },
        },
      };
    });
    res.writeHead(207, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answers));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

let fakeBooking: Server;
let site: PreviewServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  fakeBooking = await startFakeBooking();
  process.env['BOOKING_URL'] = `http://127.0.0.1:${(fakeBooking.address() as AddressInfo).port}`;
  site = await previewWeb();
  baseUrl = site.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  browser = await launchChromium();
}, 120_000);

afterAll(() =>
  closeCheckingCsp(
    browser,
    () => site?.close(),
    () => (fakeBooking?.listening ? new Promise((done) => fakeBooking.close(done)) : undefined),
  ),
);

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${baseUrl}${path}`);
  return page;
}

describe('web app in Chromium', () => {
  it('serves every page with the security headers: its CSP, no framing, no Referer', async () => {
    for (const path of ['/', '/hr', `/b/${'x'.repeat(40)}`]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('shows the invalid-link page for a token the API refuses', async () => {
    const page = await open('/b/not-a-real-token');
    await page.getByRole('heading', { name: "This link isn't valid" }).waitFor({ timeout: 15_000 });
    expect(await page.textContent('main')).toContain('Open it straight from your invitation email');
    await page.close();
  });

  it('shows the HR sign-in form with labelled fields when nobody is signed in', async () => {
    const page = await open('/hr');
    await page.getByRole('heading', { name: 'HR sign-in' }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Email').getAttribute('type')).toBe('email');
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');
    await page.close();
  });

  it('says the service is unreachable, never a blank page, when the API is down', async () => {
    await new Promise((done) => fakeBooking.close(done));
    const page = await open('/b/not-a-real-token');
    await page.getByRole('heading', { name: "We can't open your interview right now" }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    await page.close();
  });
});
