import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInAsAdmin } from '@portal/system-tests/fixtures';
import { cspViolations, launchChromium, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

let portal: PortalWithWeb;
let browser: Browser;
let hr: BrowserContext;

/** Ids named by aria-describedby that no element in the page has. */
const danglingDescriptions = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby]')].flatMap((element) =>
      (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id !== '' && document.getElementById(id) === null),
    ),
  );

beforeAll(async () => {
  portal = await startPortalWithWeb(import.meta.url);
  browser = await launchChromium();
  hr = await browser.newContext({ viewport: { width: 1024, height: 800 }, timezoneId: 'UTC' });
  const page = await hr.newPage();
  await page.goto(`${portal.webUrl}/hr`);
  await page.getByLabel('Email').fill('admin@example.test');
  await page.getByLabel('Password').fill('dev-admin-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'HR console' }).waitFor({ timeout: 20_000 });
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe('interview kinds in the HR console', () => {
  it("an admin sets a kind's notice; a horizon inside the notice is marked on its field; the invite form shows the kind's values", { timeout: 120_000 }, async () => {
    const page = await hr.newPage();
    await page.goto(`${portal.webUrl}/hr`);
    await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Kinds' }).click();
    const screening = page.locator('form').filter({ has: page.getByRole('heading', { name: /Screening call/ }) });
    await screening.getByLabel('Minimum notice (minutes)').waitFor({ timeout: 20_000 });
    expect(await danglingDescriptions(page)).toEqual([]);

    await screening.getByLabel('Minimum notice (minutes)').fill('4000');
    await screening.getByLabel('Booking horizon (days)').fill('2');
    await screening.getByRole('button', { name: 'Save' }).click();
    const horizon = screening.getByLabel('Booking horizon (days)');
    expect(await horizon.getAttribute('aria-invalid')).toBe('true');
    expect(await screening.locator('.field-error:not([hidden])').textContent()).toContain('horizon must reach past the minimum notice');

    await screening.getByLabel('Minimum notice (minutes)').fill('10');
    await screening.getByRole('button', { name: 'Save' }).click();
    await screening.getByText('Saved.').waitFor({ timeout: 20_000 });
    expect(await horizon.getAttribute('aria-invalid')).toBe('false');
    const admin = await signInAsAdmin(portal.api);
    const kinds = await admin.query<{ kind: string; minNoticeMinutes: number; horizonDays: number }[]>('hr.kinds.list');
    expect(kinds.find((k) => k.kind === 'screening')).toMatchObject({ minNoticeMinutes: 10, horizonDays: 2 });

    await page.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Invite' }).click();
    await page.getByLabel('Interview kind').selectOption('screening');
    await page.getByText('Notice for this invitation').click();
    await expect.poll(() => page.getByLabel('Minimum notice (minutes)').getAttribute('placeholder')).toBe('10');
    expect(await danglingDescriptions(page)).toEqual([]);
    expect(cspViolations(browser)).toEqual([]);
    await page.close();
  });
});
