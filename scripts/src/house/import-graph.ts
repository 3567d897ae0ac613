import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The house's imports as a graph, read from the source text alone (type-only imports included:
 * a circle of types is still a circle). Three views are checked: files, the folders that hold
 * them, and the workspace packages. A circle among folders is what an arrow "running back up"
 * makes: with none, every folder sits on a floor above all it imports.
 */

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  /** Subpath exports (`./slots`) to the file each names, absolute. */
  readonly exports: ReadonlyMap<string, string>;
}

const SOURCE = /\.(ts|tsx|mts)$/;
const NOT_SOURCE = /(\.test\.tsx?|\.d\.ts)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', '.vite', 'histories', 'screenshots']);

export function workspacePackages(root: string, dirs: readonly string[]): WorkspacePackage[] {
  return dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, string>;
    };
    const exports = new Map(Object.entries(manifest.exports ?? {}).map(([key, file]) => [key, resolve(root, dir, file)]));
    return { name: manifest.name, dir: resolve(root, dir), exports };
  });
}

/** Every source file under a folder that is not a test, declaration or build output, in name order. */
export function sourceFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name) ? [path] : [];
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((candidate) => SOURCE.test(candidate) && existsSync(candidate));
}

/** The workspace files one file imports: relative paths and `@portal/<package>[/subpath]` alike. */
export function importsOf(file: string, packages: readonly WorkspacePackage[]): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName: specifier }) => {
    if (specifier.startsWith('.')) {
      const target = resolveRelative(file, specifier);
      return target ? [target] : [];
    }
    const target = packages.find((pkg) => specifier === pkg.name || specifier.startsWith(`${pkg.name}/`));
    if (!target) return [];
    const subpath = `.${specifier.slice(target.name.length)}`;
    const exported = target.exports.get(subpath);
    return exported ? [exported] : [];
  });
}

/** Every circle a depth-first walk meets, each as the nodes around it, first node repeated last. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string) => {
    const open = path.indexOf(node);
    if (open >= 0) {
      found.push([...path.slice(open), node]);
      return;
    }
    if (done.has(node)) return;
    path.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    path.pop();
    done.add(node);
  };
  for (const node of graph.keys()) visit(node);
  return found;
}

/**
 * The nodes that sit on some circle, grouped by strongly connected component (Tarjan's walk):
 * unlike a list of circles, it does not depend on where a walk starts.
 */
export function nodesOnCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

/** Collapses a file graph onto groups (folders, packages), dropping arrows inside one group. */
export function collapse(files: ReadonlyMap<string, readonly string[]>, groupOf: (file: string) => string): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = groupOf(file);
    const arrows = groups.get(from) ?? new Set<string>();
    groups.set(from, arrows);
    for (const target of targets) {
      const to = groupOf(target);
      if (to !== from) arrows.add(to);
    }
  }
  return new Map([...groups].map(([group, arrows]) => [group, [...arrows].sort()]));
}

export function fileGraph(root: string, packages: readonly WorkspacePackage[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const pkg of packages) {
    for (const file of sourceFiles(pkg.dir)) {
      graph.set(relative(root, file), importsOf(file, packages).map((target) => relative(root, target)));
    }
  }
  return graph;
}
