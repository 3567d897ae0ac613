import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { closeCheckingCsp, launchChromium, signInToHr, type PortalWithWeb } from './testing/portal-with-web';
import { axeViolations } from './testing/axe';

let portal: PortalWithWeb;
let browser: Browser;
let page: Page;
let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;

beforeAll(async () => {
  // The run's shared portal with its web app: the form and the limits read are this file's interviewer's.
  portal = await sharedWebPortal();
  admin = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(admin, 'Limits Interviewer')).id;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, timezoneId: 'UTC' });
  page = await signInToHr(await context.newPage(), portal.webUrl);
}, 240_000);

afterAll(() => closeCheckingCsp(browser, () => portal?.stop()));

const stored = async () => (await admin.query<{ id: string; weeklyLimit?: number | null; monthlyLimit?: number | null }[]>('hr.interviewers.list')).find((i) => i.id === interviewerId);
const openForm = async () => {
  await page.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
  await page.locator('#interviewer-weeklyLimit').waitFor({ timeout: 20_000 });
};
const save = async () => {
  await page.getByRole('button', { name: 'Save interviewer' }).click();
  await page.getByText(/^Saved\./).waitFor({ timeout: 20_000 });
};

describe('the interviewer form sets the load limits', () => {
  it('a weekly limit typed into the form is saved, and emptying it lifts it again', { timeout: 120_000 }, async () => {
    await openForm();
    expect(await page.getByLabel('Most interviews a week').inputValue()).toBe('');
    expect(await page.getByLabel('Most interviews a month').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Most interviews a week').fill('3');
    await save();
    expect(await stored()).toMatchObject({ weeklyLimit: 3 });
    // A fresh load shows what was saved, not what the form last held.
    await openForm();
    expect(await page.getByLabel('Most interviews a week').inputValue()).toBe('3');

    await page.getByLabel('Most interviews a week').fill('');
    await page.getByLabel('Most interviews a month').fill('12');
    await save();
    expect(await stored()).toMatchObject({ weeklyLimit: null, monthlyLimit: 12 });
  });

  it('a limit out of range is marked next to its field, announced, and nothing is saved', { timeout: 60_000 }, async () => {
    await openForm();
    const weekly = page.getByLabel('Most interviews a week');
    await weekly.fill('0');
    await page.getByRole('button', { name: 'Save interviewer' }).click();
    await page.getByText('Please fix the field marked above.').waitFor({ timeout: 10_000 });
    expect(await weekly.getAttribute('aria-invalid')).toBe('true');
    const message = page.locator('#interviewer-weeklyLimit-error');
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).not.toBe('');
    expect(await weekly.getAttribute('aria-describedby')).toContain('interviewer-weeklyLimit-error');
    expect(await axeViolations(page)).toEqual([]);
    expect((await stored())?.weeklyLimit).toBeNull();
  });
});
