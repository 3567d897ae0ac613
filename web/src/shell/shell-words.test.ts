import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shell and the two pages without an interview say nothing of their own: every word comes from
 * the shell catalogue (packages/shared/src/i18n/shell-messages.ts), whose languages the catalogue
 * test holds to English's keys and placeholders. A word typed into these files would reach every
 * reader in English, before any page could translate it.
 */
const FILES = ['app-shell.tsx', 'home-page.tsx', 'not-found-page.tsx', '../ui/page-title.ts'];

function ownWords(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  // Text between JSX tags, and quoted prose (a string with a space that is not a class list).
  const jsxText = [...code.matchAll(/(?<!=)>([^<>{}]*)</g)].map((m) => (m[1] ?? '').trim()).filter((text) => /\p{L}{2}/u.test(text));
  const prose = [...code.matchAll(/(?<!class=)(["'`])([^"'`\n]*\p{L}{2,}[^"'`\n]*\s[^"'`\n]*)\1/gu)].map((m) => m[2] ?? '')
    .filter((text) => /\p{L}{2}/u.test(text.replace(/\$\{[^}]*\}/g, '')));
  return [...jsxText, ...prose];
}

describe('the web shell', () => {
  it.each(FILES)('%s has no words of its own: the skip link, loading, error and front-door texts are translated', (file) => {
    const source = readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
    expect(ownWords(source)).toEqual([]);
  });
});
