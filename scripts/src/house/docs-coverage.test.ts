import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What an operator or a user can name must be on some page of docs/: every environment variable a
 * service reads and every page of the web app. Read from the code's own text, so a variable or a
 * route added without a line in the docs fails here. (Procedures and REST routes are checked by
 * booking's reference tables, which are generated into the docs.)
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The files that declare a service's environment: each service's env.ts and the shared pieces they spread in. */
const ENV_FILES = ['packages/shared/src/env.ts', 'services/booking/src/core/env.ts', 'services/workflows/src/env.ts', 'services/notifications/src/env.ts'];
/** Read outside env.ts on purpose (the worker's bundle path); a variable the code sets for a library is not read. */
const ENV_READ_ELSEWHERE = /process\.env\.([A-Z][A-Z0-9_]+)\b(?!\s*=[^=])/g;
const PRODUCT_SOURCES = ['packages', 'services'];

function productFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'testing', 'sink'].includes(entry.name) ? [] : productFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

export function environmentVariables(): string[] {
  const declared = ENV_FILES.flatMap((file) => [...read(file).matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((match) => match[1] ?? ''));
  const readDirectly = PRODUCT_SOURCES.flatMap(productFiles).flatMap((file) => [...read(file).matchAll(ENV_READ_ELSEWHERE)].map((match) => match[1] ?? ''));
  return [...new Set([...declared, ...readDirectly])].sort();
}

/** Every route of the web app, HR pages under `/hr` with their full path. */
export function webRoutes(): string[] {
  const source = read('web/src/routes.ts');
  const hrStart = source.indexOf("path: '/hr'");
  return [...source.matchAll(/path: '([^']+)'/g)]
    .map((match) => ({ path: match[1] ?? '', at: match.index ?? 0 }))
    .filter(({ path }) => path !== '*' && path !== '/hr')
    .map(({ path, at }) => (at > hrStart && hrStart >= 0 ? `/hr${path === '/' ? '' : path}` : path));
}

function docsText(): string {
  const pages = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  return [...pages.map((page) => read(join('docs', page))), read('services/notifications/README.md')].join('\n');
}

describe('the docs cover the code', () => {
  const docs = docsText();

  it('finds the variables and routes to look for', () => {
    expect(environmentVariables()).toEqual(expect.arrayContaining(['MONGO_URL', 'POSTMARK_SERVER_TOKEN', 'BOOKING_PORT']));
    expect(webRoutes()).toEqual(expect.arrayContaining(['/b/:token', '/hr', '/hr/invite', '/hr/interviews/:interviewId']));
  });

  it('names every environment variable a service reads on some page', () => {
    expect(environmentVariables().filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
  });

  it('names every page of the web app on some page', () => {
    const named = (route: string) => docs.includes(`\`${route}\``) || docs.includes(`\`${route.replace(/:(\w+)/g, '<$1>')}\``);
    expect(webRoutes().filter((route) => !named(route))).toEqual([]);
  });
});
