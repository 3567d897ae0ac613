import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { launchChromium, signInToHr, type PortalWithWeb } from './testing/portal-with-web';

const run = Date.now();
const hrEmail = `recruiter.${run}@example.test`;
const hrPassword = 'recruiter-password-1';
const interviewerName = `Read Only Interviewer ${run}`;

let portal: PortalWithWeb;
let browser: Browser;
let interviewerId: string;

beforeAll(async () => {
  // The run's shared portal with its web app: the user added, the interviewer read and the user disabled are this file's own.
  portal = await sharedWebPortal();
  interviewerId = (await alwaysAvailableInterviewer(await signInAsAdmin(portal.api), interviewerName)).id;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

async function signIn(email: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'UTC' });
  return signInToHr(await context.newPage(), portal.webUrl, { email, password });
}

describe('HR roles in Chromium', () => {
  it('the admin adds an hr user, who signs in without the users page or interviewer edit controls; disabling them signs them out', { timeout: 180_000 }, async () => {
    const admin = await signIn('admin@example.test', 'dev-admin-password', 1024);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { name: 'HR users' }).waitFor({ timeout: 20_000 });
    // The admin's own row offers no way to disable or demote themselves.
    await admin.getByText('admin@example.test (you)').waitFor();
    expect(await admin.getByRole('button', { name: 'Disable admin@example.test' }).count()).toBe(0);

    await admin.getByLabel('Email', { exact: true }).fill(hrEmail);
    await admin.getByLabel('Role', { exact: true }).selectOption('recruiter');
    await admin.getByLabel('Initial password').fill('short');
    await admin.getByRole('button', { name: 'Add user' }).click();
    await admin.getByText('Use at least 12 characters').waitFor();
    await admin.getByLabel('Initial password').fill(hrPassword);
    await admin.getByRole('button', { name: 'Add user' }).click();
    await admin.getByText(`${hrEmail} can now sign in`).waitFor({ timeout: 20_000 });
    const row = admin.getByRole('listitem').filter({ hasText: hrEmail });
    await row.getByText('Last sign-in: never').waitFor();

    const recruiter = await signIn(hrEmail, hrPassword, 360);
    const nav = recruiter.getByRole('navigation', { name: 'HR console' });
    expect(await nav.getByRole('link', { name: 'Invite' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Interviewers' }).click();
    await recruiter.getByText(interviewerName).waitFor({ timeout: 20_000 });
    expect(await recruiter.getByRole('link', { name: interviewerName }).count()).toBe(0);
    expect(await recruiter.getByRole('link', { name: 'Add interviewer' }).count()).toBe(0);
    await recruiter.goto(`${portal.webUrl}/hr/interviewers/${interviewerId}`);
    await recruiter.getByText('Only admins change interviewers and their availability.').waitFor({ timeout: 20_000 });
    expect(await recruiter.getByRole('button', { name: 'Save interviewer' }).count()).toBe(0);
    await recruiter.goto(`${portal.webUrl}/hr/users`);
    await recruiter.getByText('Only admins manage HR users.').waitFor({ timeout: 20_000 });
    expect(await recruiter.getByRole('button', { name: 'Add user' }).count()).toBe(0);

    await admin.reload();
    // Their sign-in shows as a time, in the viewer's zone with its name.
    await row.locator('time').waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Coordinated Universal Time');
    await row.getByRole('button', { name: `Disable ${hrEmail}` }).click();
    await admin.getByText(`${hrEmail} is disabled and signed out.`).waitFor({ timeout: 20_000 });
    await row.getByText('Disabled', { exact: true }).waitFor();

    await recruiter.goto(`${portal.webUrl}/hr`);
    await recruiter.getByRole('heading', { name: 'HR sign-in' }).waitFor({ timeout: 20_000 });
  });
});
