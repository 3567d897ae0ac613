import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { sharedWebPortal } from '@portal/system-tests/shared-portal';
import { DEV_ADMIN, cspViolations, launchChromium, signInToHr, type PortalWithWeb } from './testing/portal-with-web';
import { emailedLink, openAs } from './testing/candidate-page';
import { axeViolations } from './testing/axe';

const run = Date.now();
const TEAM = `design-${run}`;
const TEAM_NAME = `Design Studio ${run}`;
// The logo's host answers nothing here: the page shows its alt text, which is what is checked.
const LOGO = `https://logo.example.test/design-${run}.svg`;
const POSITION = `Role Gate Engineer ${run}`;
const CANDIDATE = `Gate Candidate ${run}`;
const MANAGER = { email: `hiring.manager.${run}@example.test`, password: 'hiring-manager-password-1' };

let portal: PortalWithWeb;
let browser: Browser;

beforeAll(async () => {
  // The run's shared portal with its web app: the team, the user, the interviewer and the candidates are this file's own.
  portal = await sharedWebPortal();
  const admin = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(admin, `Team Gate Interviewer ${run}`);
  await admin.mutation('hr.interviews.invite', {
    candidateName: CANDIDATE,
    candidateEmail: `gate.candidate.${run}@example.test`,
    candidateTimezone: 'Europe/London',
    position: POSITION,
    kind: 'technical',
    interviewerIds: [interviewer.id],
  });
  await admin.mutation('hr.users.create', { email: MANAGER.email, role: 'hiring_manager', password: MANAGER.password, positions: [POSITION] });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

async function signIn(who: { email: string; password: string }, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, timezoneId: 'UTC' });
  return signInToHr(await context.newPage(), portal.webUrl, who);
}

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'HR console' }).getByRole('link').allTextContents();

describe('hiring teams and roles in Chromium', () => {
  it('a hiring manager has the interviews of their positions and their decisions, and no page or action of running interviews', { timeout: 180_000 }, async () => {
    const manager = await signIn(MANAGER, 360);
    expect(await navLinks(manager)).toEqual(['Interviews']);
    await manager.getByText(`${MANAGER.email} (hiring manager)`).waitFor();
    await manager.getByRole('link', { name: CANDIDATE }).waitFor({ timeout: 20_000 });
    expect(await manager.getByRole('link', { name: 'Invite a candidate' }).count()).toBe(0);

    await manager.getByRole('link', { name: CANDIDATE }).click();
    await manager.getByRole('heading', { name: 'Outcome and retake' }).waitFor({ timeout: 20_000 });
    // A recruiter would see these for an invited candidate; a hiring manager's calls would be refused.
    expect(await manager.getByRole('heading', { name: 'Act for the candidate' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: 'Copy candidate link' }).count()).toBe(0);
    expect(await axeViolations(manager)).toEqual([]);

    await manager.goto(`${portal.webUrl}/hr/invite`);
    await manager.getByRole('heading', { name: 'Your role in this team does not include this page.' }).waitFor({ timeout: 20_000 });
    expect(await manager.getByLabel('Candidate name').count()).toBe(0);
  });

  it('the owner adds a branded team and gives the hiring manager a role in it; they switch to it, and its candidates see its name and logo', { timeout: 240_000 }, async () => {
    const owner = await signIn(DEV_ADMIN, 1024);
    expect(await navLinks(owner)).toContain('Teams');
    await owner.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Teams' }).click();
    await owner.getByRole('heading', { name: 'Hiring teams', level: 1 }).waitFor({ timeout: 20_000 });

    const add = owner.getByRole('form', { name: 'Add a team' });
    await add.getByLabel('Team id').fill(TEAM);
    await add.getByLabel('Name', { exact: true }).fill(TEAM_NAME);
    await add.getByLabel('Logo address').fill(LOGO);
    await add.getByLabel('Colour').fill('orange');
    await add.getByRole('button', { name: 'Add team' }).click();
    await add.getByText('Must be a colour as #rrggbb').waitFor();
    expect(await owner.evaluate(() => document.activeElement?.id)).toBe('new-team-colour');
    await add.getByLabel('Colour').fill('#aa3300');
    await add.getByRole('button', { name: 'Add team' }).click();
    await owner.getByText(`Team ${TEAM_NAME} added.`).waitFor({ timeout: 20_000 });
    const row = owner.getByRole('listitem').filter({ hasText: TEAM_NAME });
    await row.getByRole('img', { name: TEAM_NAME }).waitFor();
    await row.getByText('Colour #aa3300').waitFor();
    // The header's choice is read again: the new team is there to switch to.
    await owner.getByLabel('Team', { exact: true }).locator('option', { hasText: TEAM_NAME }).waitFor({ state: 'attached', timeout: 20_000 });
    expect(await axeViolations(owner)).toEqual([]);

    await owner.getByLabel('User', { exact: true }).selectOption({ label: MANAGER.email });
    await owner.getByLabel('In team').selectOption({ label: TEAM_NAME });
    await owner.getByLabel('Role', { exact: true }).selectOption('recruiter');
    await owner.getByRole('button', { name: 'Give role' }).click();
    await owner.getByText(`${MANAGER.email} is now recruiter in ${TEAM_NAME}.`).waitFor({ timeout: 20_000 });

    const manager = await signIn(MANAGER, 360);
    expect(await navLinks(manager)).toEqual(['Interviews']);
    await manager.getByLabel('Team', { exact: true }).selectOption({ label: TEAM_NAME });
    // The console starts again in the new team, where they recruit.
    await manager.getByRole('navigation', { name: 'HR console' }).getByRole('link', { name: 'Invite' }).waitFor({ timeout: 20_000 });
    await manager.getByText(`${MANAGER.email} (recruiter)`).waitFor();
    expect(await manager.getByLabel('Team', { exact: true }).inputValue()).toBe(TEAM);

    const inTeam = await signInAsAdmin(portal.api);
    await inTeam.mutation('hr.teams.switch', { team: TEAM });
    const designer = await alwaysAvailableInterviewer(inTeam, `Design Interviewer ${run}`);
    const { invitation } = await inviteAndReadLink(inTeam, portal.sinkUrl, { name: `Design Candidate ${run}`, email: `design.candidate.${run}@example.test` }, [designer.id], 'Product Designer');
    const candidate = await openAs(browser, emailedLink(invitation), 'Europe/London');
    await candidate.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 });
    const banner = candidate.locator('header.team-banner');
    await banner.getByRole('img', { name: TEAM_NAME }).waitFor();
    expect(await banner.textContent()).toContain(TEAM_NAME);
    expect(await banner.evaluate((header) => getComputedStyle(header).borderTopColor)).toBe('rgb(170, 51, 0)');
    expect(await axeViolations(candidate)).toEqual([]);
    expect(cspViolations(browser)).toEqual([]);
  });
});
