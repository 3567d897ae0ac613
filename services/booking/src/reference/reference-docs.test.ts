import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../rest-routes';
import { procedurePaths } from './procedure-callers';
import { GENERATED_SECTIONS, sectionEnd, sectionStart } from './reference-tables';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs');

function sectionOf(page: string, name: string): string | undefined {
  const start = page.indexOf(sectionStart(name));
  const end = page.indexOf(sectionEnd(name));
  return start < 0 || end < start ? undefined : page.slice(start + sectionStart(name).length, end).trim();
}

describe('the reference tables in docs/', () => {
  it('are what the code says (after adding a route or a procedure: pnpm docs:reference)', async () => {
    for (const section of GENERATED_SECTIONS) {
      const page = readFileSync(join(DOCS, section.page), 'utf8');
      expect(sectionOf(page, section.name), `docs/${section.page}, section ${section.name}`).toBe(await section.render());
    }
  });

  it('name every REST route and every procedure', () => {
    const pages = GENERATED_SECTIONS.map((section) => readFileSync(join(DOCS, section.page), 'utf8')).join('\n');
    expect(ROUTES.map((route) => `${route.method.toUpperCase()} /api/v1${route.path}`).filter((route) => !pages.includes(`\`${route}\``))).toEqual([]);
    expect(procedurePaths().filter((path) => !pages.includes(`\`${path}\``))).toEqual([]);
    expect(procedurePaths()).toContain('hr.interviews.invite');
  });
});
