import { documentedStatuses } from '../http/rest/openapi';
import { scopesOf, type Route } from '../http/rest/route';
import { ROUTES } from '../rest-routes';
import { procedureCallers } from './procedure-callers';

/**
 * The reference tables the docs print from the code: every REST route and every tRPC procedure with
 * who may call it. `pnpm docs:reference` writes them between their markers; a fast test fails while
 * a page's copy differs from what the code says, so a route or procedure cannot land undocumented.
 */

export interface GeneratedSection {
  /** The page under docs/ that holds the section. */
  page: string;
  name: string;
  render(): Promise<string>;
}

const WHO: Record<Route['credential'], string> = {
  key: 'API key',
  candidate: "candidate's token",
  session: "admin's console session",
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function restRouteTable(): string {
  const rows = ROUTES.map((route) => {
    const who = route.credential === 'key' ? `${WHO.key} (${scopesOf(route).join(', ')})` : WHO[route.credential];
    const answers = documentedStatuses(route).join(', ');
    return `| \`${route.method.toUpperCase()} /api/v1${route.path}\` | ${cell(route.summary)} | ${who}${route.idempotent ? ', `Idempotency-Key`' : ''} | ${answers} |`;
  });
  return ['| route | what it does | credential | statuses |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

async function procedureTable(): Promise<string> {
  const rows = (await procedureCallers()).map(({ path, type, caller }) => `| \`${path}\` | ${type} | ${caller} |`);
  return ['| procedure | type | who may call it |', '| --- | --- | --- |', ...rows].join('\n');
}

export const GENERATED_SECTIONS: readonly GeneratedSection[] = [
  { page: 'api.md', name: 'rest-routes', render: () => Promise.resolve(restRouteTable()) },
  { page: 'hr-console.md', name: 'procedures', render: procedureTable },
];

export const sectionStart = (name: string) => `<!-- generated from the code by pnpm docs:reference: ${name} -->`;
export const sectionEnd = (name: string) => `<!-- end of generated ${name} -->`;

/** The page with the section's body replaced by `body`; the page as it was when it has no markers. */
export function withSection(page: string, name: string, body: string): string {
  const start = page.indexOf(sectionStart(name));
  const end = page.indexOf(sectionEnd(name));
  if (start < 0 || end < start) return page;
  return `${page.slice(0, start + sectionStart(name).length)}\n${body}\n${page.slice(end)}`;
}
