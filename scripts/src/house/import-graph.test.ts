import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, collapse, fileGraph, nodesOnCircles, workspacePackages } from './import-graph';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The house's floors, lowest first: a package may import only packages on a lower floor, or,
 * for web alone, the booking API's types. The three services never import one another: they meet
 * through Temporal and the database. The devstack, the whole-portal tests and the benches sit
 * above everything and may import any of it; nothing of the product imports them, except the
 * test support that lives in a `testing/` folder.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['packages/shared'],
  ['packages/db', 'packages/calendar'],
  ['packages/privacy'],
  ['services/booking', 'services/workflows', 'services/notifications'],
  ['web'],
  ['scripts', 'tests', 'bench'],
];
const MAY_ALSO_IMPORT: Readonly<Record<string, readonly string[]>> = { web: ['services/booking'] };
const DIRS = FLOORS.flat();

const packageOf = (file: string): string => DIRS.find((dir) => file.startsWith(`${dir}/`)) ?? file;
const floorOf = (pkg: string): number => FLOORS.findIndex((floor) => floor.includes(pkg));
const isTestSupport = (file: string): boolean => file.split(sep).includes('testing');

describe('the import graph of every package and service', () => {
  const files = fileGraph(ROOT, workspacePackages(ROOT, DIRS));

  it('reads every workspace package (the walk found their sources)', () => {
    for (const dir of DIRS) expect([...files.keys()].some((file) => file.startsWith(`${dir}/`)), dir).toBe(true);
    expect(files.get(join('services', 'workflows', 'src', 'lifecycle', 'lifecycle.ts'))).toContain(
      join('services', 'workflows', 'src', 'plan', 'plan.ts'),
    );
  });

  it('has no circle of files', () => {
    expect(circles(files).map((circle) => circle.join(' -> '))).toEqual([]);
  });

  it('has packages importing only the floors below them (no arrow back up, no service into another)', () => {
    const upward = [...files].flatMap(([file, targets]) =>
      isTestSupport(file)
        ? []
        : targets
            .filter((target) => {
              const from = packageOf(file);
              const to = packageOf(target);
              if (from === to || (MAY_ALSO_IMPORT[from] ?? []).includes(to)) return false;
              return floorOf(to) >= floorOf(from) && floorOf(from) < FLOORS.length - 1;
            })
            .map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no folder on a circle of folders: each folder stands above the folders it imports', () => {
    expect(nodesOnCircles(collapse(files, (file) => dirname(file)))).toEqual([]);
  });
});
