import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import type { Browser, BrowserContext } from 'playwright-core';
import { freePort } from '@portal/devstack/free-port';
import { startTemporal, type RunningTemporal } from '@portal/devstack/start-temporal';
import { ensureTool } from '@portal/devstack/tools';
import { startPortal, type PortalUnderTest } from '@portal/system-tests/portal-under-test';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { launchChromium, signInToHr } from './testing/portal-with-web';
import { previewWeb } from './testing/preview-web';

const candidate = { name: 'Ui Decoded', email: `ui.decoded.${Date.now()}@example.test` };

let temporal: RunningTemporal;
let portal: PortalUnderTest;
let site: PreviewServer;
let browser: Browser;
let webUrl: string;
let uiUrl: string;
let interviewId: string;

/**
 * A dev server of this file's own with its Web UI on, pointed at the codec endpoint through the
 * web app's origin (where HR's session cookie lives), and a portal on that server.
 */
beforeAll(async () => {
  const [webPort, uiPort] = [await freePort(), await freePort()];
  webUrl = `http://127.0.0.1:${webPort}`;
  uiUrl = `http://127.0.0.1:${uiPort}`;
  temporal = await startTemporal({
    bin: await ensureTool('temporal'),
    port: await freePort(),
    uiPort,
    codecEndpoint: `${webUrl}/codec`,
    output: createWriteStream(join(tmpdir(), `temporal-ui-${process.pid}.log`)),
  });
  portal = await startPortal(import.meta.url, {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL: uiUrl,
    PUBLIC_WEB_URL: webUrl,
    INVITATION_EXPIRY_MINUTES: '60',
  });
  process.env['BOOKING_URL'] = portal.bookingUrl;
  site = await previewWeb(webPort);
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Ui Interviewer');
  ({ interviewId } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]));
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await portal?.stop();
  await temporal?.process.stop();
});

async function workflowPageText(context: BrowserContext, waitFor: string | null): Promise<{ text: string; codecStatuses: number[] }> {
  const page = await context.newPage();
  const codecStatuses: number[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(`${webUrl}/codec/`) && response.request().method() === 'POST') codecStatuses.push(response.status());
  });
  await page.goto(`${uiUrl}/namespaces/default/workflows/interview-${interviewId}`);
  await page.getByText(`interview-${interviewId}`).first().waitFor({ timeout: 30_000 });
  if (waitFor) await page.getByText(waitFor).first().waitFor({ timeout: 30_000 });
  else await page.waitForTimeout(5_000);
  const text = await page.locator('body').innerText();
  await page.close();
  return { text, codecStatuses };
}

describe('Temporal UI with the portal codec', () => {
  it('HR signed in on the web app sees the candidate decoded in the workflow page, with no codec setting ticked', async () => {
    const context = await browser.newContext();
    await signInToHr(await context.newPage(), webUrl);
    const { text, codecStatuses } = await workflowPageText(context, candidate.email);
    expect(text).toContain(candidate.email);
    expect(codecStatuses).toContain(200);
    await context.close();
  });

  it('a browser without the HR session sees the payloads still encrypted', async () => {
    const context = await browser.newContext();
    const { text, codecStatuses } = await workflowPageText(context, null);
    expect(text).not.toContain(candidate.email);
    expect(text).not.toContain(candidate.name);
    expect(codecStatuses.length).toBeGreaterThan(0);
    expect(codecStatuses.every((status) => status === 401)).toBe(true);
    await context.close();
  });
});
