import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInAsAdmin } from '@portal/system-tests/fixtures';
import { HR_CATALOGUES } from '@portal/shared/i18n/hr-catalogues';
import { axeViolations } from './testing/axe';
import { cspViolations, launchChromium, startPortalWithWeb, type PortalWithWeb } from './testing/portal-with-web';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots', 'hr');

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
  mkdirSync(screenshots, { recursive: true });
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

interface KindRead {
  id: string;
  titles: Record<string, string>;
  durationMinutes: number;
  archived: boolean;
  kit: { scale: number; questions: { id: string; type: string; required: boolean; prompt: Record<string, string>; guidance?: Record<string, string> }[] };
}

async function kindsPage(width: number, lang: 'en' | 'ar'): Promise<Page> {
  const page = await hr.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`${portal.webUrl}/hr/kinds?lang=${lang}`);
  await page.locator('form.card').first().waitFor({ timeout: 20_000 });
  return page;
}

async function axeCleanAndFits(page: Page, width: number, what: string) {
  expect(await axeViolations(page), `axe on ${what} at ${width} px`).toEqual([]);
  expect(await danglingDescriptions(page), `descriptions on ${what}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${what}`).toBeLessThanOrEqual(width);
}

describe('kinds HR defines, with their scorecard kits (issue 50)', () => {
  it('an admin adds a kind with a kit of three questions, rewords one, and archives the kind: the invite form stops offering it; at 1280 and 360 px, axe clean', { timeout: 180_000 }, async () => {
    const id = `system-design-${Date.now().toString(36)}`;
    const page = await kindsPage(1280, 'en');
    await page.getByText('Add a kind').click();
    const form = page.locator('form.kind-definition').first();
    await form.getByLabel('Id', { exact: true }).fill(id);
    await form.getByLabel('Title in English', { exact: true }).fill('System design');
    await form.getByLabel('Length (minutes)', { exact: true }).fill('45');
    // A write-up after each interview; before it, each interviewer's own buffer (left empty).
    await form.getByLabel('Buffer after (minutes)', { exact: true }).fill('20');
    for (const [prompt, type, required] of [
      ['Architecture', 'A rating from 1 to 4', true],
      ['Would you hire?', 'Yes or no', false],
      ['Trade-offs discussed', 'A long text', false],
    ] as const) {
      await form.getByRole('button', { name: 'Add a question' }).click();
      const question = form.locator('.kit-questions > li').last();
      await question.getByLabel('Question in English', { exact: true }).fill(prompt);
      await question.getByLabel('Answer', { exact: true }).selectOption({ label: type });
      if (required) await question.getByLabel('Required', { exact: true }).check();
    }
    await form.locator('.kit-questions > li').first().getByLabel('Answer key', { exact: true }).fill('architecture');
    await axeCleanAndFits(page, 1280, 'the new kind form');
    await page.screenshot({ path: resolve(screenshots, 'kinds-new-1280.png'), fullPage: true });
    await form.getByRole('button', { name: 'Add kind' }).click();
    await form.getByText('Kind added.').waitFor({ timeout: 20_000 });

    const admin = await signInAsAdmin(portal.api);
    const made = (await admin.query<KindRead[]>('hr.kinds.all')).find((k) => k.id === id);
    expect(made).toMatchObject({ titles: { en: 'System design' }, durationMinutes: 45, bufferBeforeMinutes: null, bufferAfterMinutes: 20, archived: false });
    expect(made?.kit.questions.map((q) => [q.id, q.type, q.required])).toEqual([
      ['architecture', 'rating', true],
      ['question-2', 'yesno', false],
      ['question-3', 'longtext', false],
    ]);

    // The same id again is refused and changes nothing.
    await form.getByLabel('Id', { exact: true }).fill(id);
    await form.getByLabel('Title in English', { exact: true }).fill('Another');
    await form.getByRole('button', { name: 'Add kind' }).click();
    await form.getByText(`An interview kind "${id}" exists already.`).waitFor({ timeout: 20_000 });
    expect(await form.getByLabel('Id', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // Reworded: the question keeps its answer key.
    const section = page.locator('section.kind').filter({ has: page.getByRole('heading', { name: 'System design' }) });
    await section.getByText('Titles, rules and scorecard kit').click();
    const first = section.locator('.kit-questions > li').first();
    await first.getByLabel('Question in English', { exact: true }).fill('Architecture and scaling');
    await section.getByRole('button', { name: 'Save titles, rules and kit' }).click();
    await section.getByText('Saved. New invitations of this kind use it').waitFor({ timeout: 20_000 });
    const edited = (await admin.query<KindRead[]>('hr.kinds.all')).find((k) => k.id === id);
    expect(edited?.kit.questions[0]).toMatchObject({ id: 'architecture', prompt: { en: 'Architecture and scaling' } });

    await page.setViewportSize({ width: 360, height: 800 });
    await axeCleanAndFits(page, 360, 'the kinds page with a kit open');
    await section.screenshot({ path: resolve(screenshots, 'kinds-kit-360.png') });

    await section.getByRole('button', { name: 'Archive' }).click();
    await section.getByText('(archived: takes no new invitations)').waitFor({ timeout: 20_000 });
    expect((await admin.query<KindRead[]>('hr.kinds.all')).find((k) => k.id === id)?.archived).toBe(true);
    await page.goto(`${portal.webUrl}/hr/invite`);
    await page.getByLabel('Interview kind').locator('option').first().waitFor({ state: 'attached', timeout: 20_000 });
    const offered = await page.getByLabel('Interview kind').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining(['technical', 'screening', 'panel']));
    expect(offered).not.toContain(id);
    expect(cspViolations(browser)).toEqual([]);
    await page.close();
  });

  it('in Arabic, right to left, at 360 and 1280 px: the kinds page and the kit editor are axe clean and a kind is added with an Arabic title', { timeout: 180_000 }, async () => {
    const ar = HR_CATALOGUES.ar;
    const id = `hiring-manager-${Date.now().toString(36)}`;
    const page = await kindsPage(360, 'ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await page.getByText(ar['hr.kinds.add']).click();
    const form = page.locator('form.kind-definition').first();
    await form.getByRole('button', { name: ar['hr.kit.add'] }).click();
    await axeCleanAndFits(page, 360, 'the kinds page in Arabic');
    await page.screenshot({ path: resolve(screenshots, 'kinds-new-ar-360.png'), fullPage: true });
    await form.getByLabel(ar['hr.kinds.id']).fill(id);
    await form.locator('input[lang="en"]').first().fill('Hiring manager');
    await form.getByText(ar['hr.kinds.translations'].replace('{label}', ar['hr.kinds.kindTitle'])).click();
    await form.locator('input[lang="ar"]').first().fill('مدير التوظيف');
    await form.locator('.kit-questions > li').first().locator('input[lang="en"]').fill('Team fit');
    await form.getByRole('button', { name: ar['hr.kinds.create'] }).click();
    await form.getByText(ar['hr.kinds.created']).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'مدير التوظيف' }).waitFor({ timeout: 20_000 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await axeCleanAndFits(page, 1280, 'the kinds page in Arabic');
    await page.screenshot({ path: resolve(screenshots, 'kinds-ar-1280.png'), fullPage: true });
    await page.close();
  });
});
