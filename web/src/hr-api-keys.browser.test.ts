import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signInAsAdmin } from '@portal/system-tests/fixtures';
import { axeViolations } from './testing/axe';
import { closeCheckingCsp, launchChromium, signInToHr, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

const run = Date.now();
const keyName = `Greenhouse sync ${run}`;
const hrEmail = `keys-hr.${run}@example.test`;
const hrPassword = 'keys-hr-password-1';

let portal: PortalWithWeb;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortalWithWeb(import.meta.url);
  await (await signInAsAdmin(portal.api)).mutation('hr.users.create', { email: hrEmail, role: 'hr', password: hrPassword });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await closeCheckingCsp(browser, () => portal?.stop());
});

async function signIn(email: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'UTC' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.webUrl });
  return signInToHr(await context.newPage(), portal.webUrl, { email, password });
}

describe('API keys in the HR console', () => {
  it('an admin creates a read key, sees it once and copies it, finds it listed as never used, and revokes it after confirming', { timeout: 180_000 }, async () => {
    const page = await signIn('admin@example.test', 'dev-admin-password', 360);
    await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByText('No API keys yet.').waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Create key' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await page.locator('#new-key-name-error', { hasText: 'Required' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill(keyName);
    await page.getByRole('checkbox', { name: /^Read/ }).uncheck();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Choose at least one').waitFor();
    await page.getByRole('checkbox', { name: /^Read/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    await page.getByText(`Key “${keyName}” created. Copy it now: you will not see it again.`).waitFor({ timeout: 20_000 });
    const key = await page.getByLabel('API key', { exact: true }).inputValue();
    expect(key).toMatch(/^pk_[a-z2-7]{20}_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Key copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect(await axeViolations(page)).toEqual([]);

    const row = page.getByRole('listitem').filter({ hasText: keyName });
    await row.getByText('Last used: never').waitFor({ timeout: 20_000 });
    expect(await row.getByText('Read', { exact: true }).count()).toBe(1);
    expect(await row.getByText('Write', { exact: true }).count()).toBe(0);
    await row.getByText(key.slice(0, 'pk_'.length + 20)).waitFor();
    expect(await row.textContent()).toContain('Coordinated Universal Time');

    // Once the page is left, the secret is gone for good: only the public prefix is ever listed.
    await page.reload();
    await row.getByText('Active', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.content()).not.toContain(key.slice(-43));

    await row.getByRole('button', { name: `Revoke ${keyName}` }).click();
    await row.getByRole('alertdialog').getByText('this cannot be undone').waitFor();
    await row.getByRole('button', { name: 'Keep it' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Revoke ${keyName}` }).click();
    await row.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText(`“${keyName}” is revoked`).waitFor({ timeout: 20_000 });
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: `Revoke ${keyName}` }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('an hr user has no API keys link, and the page tells them only admins manage keys', { timeout: 120_000 }, async () => {
    const page = await signIn(hrEmail, hrPassword, 1024);
    expect(await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await page.goto(`${portal.webUrl}/hr/api-keys`);
    await page.getByText('Only admins manage API keys.').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
  });
});
