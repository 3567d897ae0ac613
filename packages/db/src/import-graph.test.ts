import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The package's own modules a file imports, type-only imports included: a circle of types is still a circle. */
function localImportsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier))
    .map((path) => [`${path}.ts`, join(path, 'index.ts'), path].find((candidate) => candidate.endsWith('.ts') && existsSync(candidate)) ?? path);
}

/** Every circle a depth-first walk meets, each as the files around it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const open = path.indexOf(file);
    if (open >= 0) {
      found.push([...path.slice(open), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('packages/db import graph', () => {
  const graph = new Map(modulesUnder(SRC).map((file) => [relative(SRC, file), localImportsOf(file).map((target) => relative(SRC, target))]));

  it('has no circle: declarations import nothing that imports them back', () => {
    expect(graph.get('database.ts')).toContain(join('models', 'interview.ts'));
    expect(circles(graph).map((circle) => circle.join(' → '))).toEqual([]);
  });
});
