import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { SinkMessage } from '@portal/system-tests/fixtures';

export const LOCALE = 'en-GB';
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** Committed screenshots of each candidate step, named in the README. */
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'screenshots', 'candidate');

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** The candidate link exactly as the invitation email carries it. */
export function emailedLink(message: SinkMessage): string {
  const match = /https?:\/\/[^\s"'<>]+\/b\/[A-Za-z0-9_\-.]+/.exec(message.TextBody ?? message.HtmlBody ?? '');
  if (!match) throw new Error(`no candidate link in "${message.Subject}"`);
  return match[0];
}

export function timeIn(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** A new device (fresh storage) in `timezoneId`, opened on `link`. */
export async function openAs(browser: Browser, link: string, timezoneId: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: LOCALE, timezoneId });
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

/** The chosen day's first few times: each label's text and the instant its radio stands for. */
export async function shownTimes(page: Page) {
  const chips = page.locator('.slot-list label.chip');
  await chips.first().waitFor();
  return chips.evaluateAll((labels) =>
    labels.slice(0, 8).map((label) => ({
      start: label.querySelector('input')?.value ?? '',
      text: label.textContent?.trim() ?? '',
    })),
  );
}

/** Opens the zone search, types `query` and picks the zone whose button names `zone`. */
export async function pickZone(page: Page, query: string, zone: string): Promise<void> {
  await page.getByRole('button', { name: 'Change time zone' }).click();
  await page.getByLabel('Find your city, zone or UTC offset').fill(query);
  await page.getByRole('button', { name: new RegExp(zone.replace('/', '\\/')) }).first().click();
}

/** Waits for `text` on `page`; a wait that runs out says what the page showed instead (a refusal, a spinner). */
export async function waitForShown(page: Page, text: string, timeout: number): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator('main').innerText({ timeout: 1_000 }).catch(() => '(no main)');
    throw new Error(`"${text}" not shown within ${timeout} ms; the page showed: ${shown.replace(/\s+/g, ' ').slice(0, 600)}`, { cause: error });
  }
}
