import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every relative link in the project's Markdown must reach a file or folder of the repository,
// and a `#fragment` into a Markdown file must name one of its headings (as GitHub spells them).
// Links to other sites are not followed: this test needs no network and no infrastructure.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function markdownFiles(): string[] {
  const files = ['README.md', 'bench/README.md', 'web/README.md', 'services/notifications/README.md'];
  const walk = (folder: string): void => {
    for (const name of readdirSync(join(root, folder))) {
      const path = join(folder, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  return files.filter((file) => existsSync(join(root, file)));
}

/** Code blocks and code spans hold examples, not links; a link's text may still be a code span. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, 'code');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of markdown.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The relative links of one Markdown file that lead nowhere, each with the reason. */
export function brokenLinks(file: string, markdown: string, exists: (path: string) => boolean, readMarkdown: (path: string) => string): string[] {
  const broken: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [pathPart = '', fragment] = target.split('#', 2);
    const path = pathPart === '' ? file : join(dirname(file), decodeURIComponent(pathPart));
    if (relative(root, resolve(root, path)).startsWith('..')) {
      broken.push(`${target}: outside the repository`);
    } else if (!exists(path)) {
      broken.push(`${target}: no such file or folder`);
    } else if (fragment !== undefined && path.endsWith('.md') && !headingAnchors(readMarkdown(path)).has(fragment)) {
      broken.push(`${target}: no heading #${fragment} in ${path}`);
    }
  }
  return broken;
}

const onDisk = (path: string) => existsSync(join(root, path));
const readOnDisk = (path: string) => readFileSync(join(root, path), 'utf8');

describe('relative links in the Markdown', () => {
  it.each(markdownFiles())('%s: every relative link resolves', (file) => {
    expect(brokenLinks(file, readOnDisk(file), onDisk, readOnDisk)).toEqual([]);
  });

  it('reports a missing file, a missing heading and a path out of the repository, and passes the rest', () => {
    const page = [
      '# Guide',
      '## Two words: here',
      '[ok](docs/adr/0004-workflow-stack-traces-off.md) [ok](bench/) [ok](#two-words-here) [web](https://example.test/x)',
      '[gone](docs/no-such-page.md) [anchor](README.md#no-such-heading) [out](../elsewhere.md)',
      '`[in code](nowhere.md)`',
      '```',
      '[in a block](nowhere.md)',
      '```',
    ].join('\n');
    expect(brokenLinks('README.md', page, onDisk, (path) => (path === 'README.md' ? page : readOnDisk(path)))).toEqual([
      'docs/no-such-page.md: no such file or folder',
      'README.md#no-such-heading: no heading #no-such-heading in README.md',
      '../elsewhere.md: outside the repository',
    ]);
  });

  it('spells anchors as GitHub does', () => {
    expect([...headingAnchors("# The SDK's hook: off, 40 %\n## Notes\n## Notes\n### `code` and [a link](x.md)")]).toEqual([
      'the-sdks-hook-off-40-',
      'notes',
      'notes-1',
      'code-and-a-link',
    ]);
  });
});
