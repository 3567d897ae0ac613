import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '@portal/system-tests/webhook-receiver';
import { axeViolations } from '../../testing/axe';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from '../../testing/portal-with-web';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'screenshots', 'hr');

let portal: PortalWithWeb;
let browser: Browser;
let admin: BrowserContext;
/** The ATS on 127.0.0.1; it verifies each request with the Standard Webhooks library. */
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  [portal, browser] = await Promise.all([startPortalWithWeb(import.meta.url, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }), launchChromium()]);
  admin = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  await signInToHr(await admin.newPage(), portal.webUrl);
  mkdirSync(screenshots, { recursive: true });
}, 300_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop(), () => receiver?.close()));

async function openWebhooks(): Promise<Page> {
  const page = await admin.newPage();
  await page.goto(`${portal.webUrl}/hr`);
  await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor({ timeout: 20_000 });
  return page;
}

async function addEndpoint(page: Page, url: string, events: string[]): Promise<string> {
  await page.getByLabel('Endpoint URL').fill(url);
  for (const event of events) await page.getByRole('checkbox', { name: event }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const secret = page.getByLabel(`Signing secret for ${url}`);
  await secret.waitFor({ timeout: 20_000 });
  return secret.inputValue();
}

const card = (page: Page, url: string): Locator => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: url, exact: true }) });

describe('webhooks page in Chromium', () => {
  it('an admin adds an endpoint, sees its secret once, sends a test that is delivered with 200 and verifies, and redelivers it; the log refreshing while pending keeps keyboard focus', { timeout: 180_000 }, async () => {
    const page = await openWebhooks();
    await page.getByText('No endpoints yet.').waitFor({ timeout: 20_000 });

    // Refused beside the field: a cloud metadata address, then an address that is not a URL.
    await page.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest/meta-data');
    await page.getByRole('checkbox', { name: /A candidate is invited/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const url = page.getByLabel('Endpoint URL');
    await expect.poll(() => url.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    expect(await page.locator('#endpoint-url-error').textContent()).toMatch(/^Webhooks cannot be sent there \(169\.254\.169\.254 is a link/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('endpoint-url');
    await url.fill('not a url');
    await page.locator('#endpoint-description').focus();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.locator('#endpoint-url-error').textContent()).toBe('Must be an http(s) URL without a user name or password');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('endpoint-url');

    const endpointUrl = receiver.url('/ok');
    const secret = await addEndpoint(page, endpointUrl, []);
    expect(secret).toMatch(/^whsec_/);
    receiver.expect('/ok', secret);
    await page.getByText('You will not see it again').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[role=region]')?.getAttribute('aria-labelledby'))).toBe('signing-secret-title');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'webhooks-secret-once-1280x800.png') });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('endpoint-url');
    await page.reload();
    const endpoint = card(page, endpointUrl);
    await endpoint.waitFor({ timeout: 20_000 });
    expect(await page.content()).not.toContain(secret);
    expect(await endpoint.getByText('Enabled', { exact: true }).count()).toBe(1);
    expect(await endpoint.textContent()).toContain('A candidate is invited');

    await endpoint.getByRole('button', { name: 'Send test', exact: true }).click();
    const testRow = endpoint.getByRole('listitem').filter({ hasText: 'webhook.test' });
    await testRow.getByText('Delivered', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await testRow.locator('.delivery-response').textContent()).toBe('HTTP 200');
    expect(await testRow.textContent()).toContain('1 attempt');

    // Signed with the secret the page showed: the receiver's Standard Webhooks verifier accepts it.
    const [first] = receiver.at('/ok');
    expect(first?.problem).toBeNull();
    expect(first?.payload).toMatchObject({ type: 'webhook.test', version: 1 });

    // The endpoint's own line says how its last delivery went.
    await expect.poll(() => endpoint.locator('dl.facts').textContent(), { timeout: 20_000 }).toMatch(/Delivered.*HTTP 200/);

    await testRow.getByRole('button', { name: /^Redeliver/ }).click();
    await expect.poll(() => receiver.at('/ok').length, { timeout: 60_000 }).toBe(2);
    const again = receiver.at('/ok')[1];
    expect(again?.problem).toBeNull();
    expect(again?.id).toBe(first?.id);
    expect(again?.body).toBe(first?.body);
    await endpoint.getByText('sent again with the same webhook-id').waitFor({ timeout: 20_000 });

    // While a delivery is pending the log reads itself again and again; a keyboard user's focus stays put.
    receiver.expect('/ok', secret, ['hold']);
    let reads = 0;
    page.on('request', (request) => {
      if (request.url().includes('hr.webhooks.deliveries')) reads += 1;
    });
    await endpoint.getByRole('button', { name: 'Send test', exact: true }).click();
    await endpoint.getByText('refreshing while deliveries are pending').waitFor({ timeout: 20_000 });
    const older = await endpoint.getByRole('button', { name: /^Redeliver/ }).and(endpoint.locator('button:enabled')).first().elementHandle();
    await older?.focus();
    const readsBefore = reads;
    await expect.poll(() => reads, { timeout: 20_000 }).toBeGreaterThanOrEqual(readsBefore + 2);
    expect(await older?.evaluate((button) => button === document.activeElement)).toBe(true);
    receiver.release();
    await expect.poll(() => endpoint.getByText('Pending', { exact: true }).count(), { timeout: 60_000 }).toBe(0);

    // An event of the lifecycle links to its interview.
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr, 'Webhook Interviewer');
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: 'Webhook Candidate',
      candidateEmail: `webhook.candidate.${Date.now()}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'technical',
      interviewerIds: [interviewer.id],
    });
    await expect.poll(() => receiver.at('/ok').filter((request) => request.payload?.type === 'interview.invited').length, { timeout: 60_000 }).toBe(1);
    // Nothing is pending any more, so the log waits to be asked.
    await endpoint.getByRole('button', { name: /^Refresh/ }).click();
    const invited = endpoint.getByRole('listitem').filter({ hasText: 'interview.invited' });
    await invited.getByText('Delivered', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await invited.getByRole('link', { name: 'Open interview' }).getAttribute('href')).toBe(`/hr/interviews/${interviewId}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'webhooks-delivered-1280-full.png'), fullPage: true });
    await invited.getByRole('link', { name: 'Open interview' }).click();
    await page.getByRole('heading', { name: 'Webhook Candidate' }).waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('on a phone, a receiver answering 410 disables its endpoint with the reason; the admin enables it, edits its events and deletes it by keyboard', { timeout: 180_000 }, async () => {
    const page = await openWebhooks();
    await page.setViewportSize({ width: 360, height: 740 });
    const goneUrl = receiver.url('/gone');
    receiver.expect('/gone', await addEndpoint(page, goneUrl, ['All events']), [410]);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    const endpoint = card(page, goneUrl);
    await endpoint.getByRole('button', { name: 'Send test', exact: true }).click();
    await endpoint.getByText('Disabled', { exact: true }).waitFor({ timeout: 60_000 });
    // The reason names the moment in the viewer's zone, not as a stored ISO string.
    const reason = await endpoint.getByText(/^Disabled: the endpoint answered 410 Gone/).textContent();
    expect(reason).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const row = endpoint.getByRole('listitem').filter({ hasText: 'webhook.test' });
    expect(await row.locator('.delivery-response').textContent()).toContain('HTTP 410');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshots, 'webhooks-disabled-360-full.png'), fullPage: true });

    await endpoint.getByRole('button', { name: 'Enable' }).click();
    await endpoint.getByText('Enabled', { exact: true }).waitFor({ timeout: 20_000 });

    await endpoint.getByRole('button', { name: 'Edit events' }).click();
    const events = endpoint.getByRole('form', { name: `Events for ${goneUrl}` });
    await events.getByRole('checkbox', { name: 'All events' }).uncheck();
    await events.getByRole('button', { name: 'Save events' }).click();
    await events.getByText('Choose at least one event').waitFor();
    await events.getByRole('checkbox', { name: /An interview is cancelled/ }).check();
    await events.getByRole('button', { name: 'Save events' }).click();
    await endpoint.getByText('Events saved.').waitFor({ timeout: 20_000 });
    await expect.poll(() => endpoint.locator('dl.facts dd').first().textContent(), { timeout: 20_000 }).toBe('An interview is cancelled');

    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await endpoint.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    const confirm = endpoint.getByRole('alertdialog');
    await confirm.waitFor();
    await expect.poll(focused).toBe('Delete endpoint');
    await page.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);
    expect(await focused()).toBe('Delete');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Delete endpoint');
    await page.keyboard.press('Enter');
    await page.getByText(`Deleted ${goneUrl}`).waitFor({ timeout: 20_000 });
    expect(await focused()).toBe('Endpoints');
    await expect.poll(() => card(page, goneUrl).count(), { timeout: 20_000 }).toBe(0);
    const list = await (await signInAsAdmin(portal.api)).query<{ url: string }[]>('hr.webhooks.list');
    expect(list.map((item) => item.url)).not.toContain(goneUrl);
    await page.close();
  });

  it('an hr user has no Webhooks link and the page says it is for admins; the server refuses them', { timeout: 120_000 }, async () => {
    const email = `webhooks.hr.${Date.now()}@example.test`;
    const password = 'recruiter-password-1';
    const api = await signInAsAdmin(portal.api);
    await api.mutation('hr.users.create', { email, role: 'hr', password });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, timezoneId: 'UTC' });
    const page = await signInToHr(await context.newPage(), portal.webUrl, { email, password });
    expect(await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await page.goto(`${portal.webUrl}/hr/webhooks`);
    await page.getByText('Only admins manage webhooks.').waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Endpoint URL').count()).toBe(0);

    const recruiter = portal.api.withSession();
    await recruiter.mutation('hr.auth.signIn', { email, password });
    await expect(recruiter.query('hr.webhooks.list')).rejects.toMatchObject({ domainCode: 'FORBIDDEN' });
    await context.close();
  });
});
