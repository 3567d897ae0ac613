import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historiesOnOldBranches, patchCalls, patchTable } from '../../testing/patch-audit';
import { PATCHES, type PatchEntry, type PatchId } from './patch-registry';

const entries = Object.entries(PATCHES) as [PatchId, PatchEntry][];
const lifecycleDoc = readFileSync(new URL('../../../../docs/lifecycle.md', import.meta.url), 'utf8');

describe('patch registry', () => {
  const calls = patchCalls();

  it('every patch call goes through isPatched with an id of the registry', () => {
    const strays = calls.filter((c) => c.via !== 'isPatched').map((c) => `${c.file}:${c.line} calls ${c.via}() itself: use isPatched() from patches.ts`);
    const unknown = calls.filter((c) => c.id === null || !(c.id in PATCHES)).map((c) => `${c.file}:${c.line} asks ${c.id ?? 'an id it does not spell out'}, which patch-registry.ts does not list`);
    expect([...strays, ...unknown]).toEqual([]);
  });

  it('every patch not removed is still asked, and no removed one is', () => {
    const asked = new Set(calls.map((c) => c.id));
    const problems = entries.flatMap(([id, entry]) => {
      if (entry.state === 'removed') return asked.has(id) ? [`${id} is removed but still asked`] : [];
      return asked.has(id) ? [] : [`${id} is ${entry.state} but no code asks it: mark it removed`];
    });
    expect(problems).toEqual([]);
  });

  it('a deprecated or removed patch says when its deprecation was released', () => {
    const missing = entries.filter(([, e]) => e.state !== 'patched' && e.deprecatedReleased === undefined).map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it('names, for each patch, the recorded histories that still run its old branch', { timeout: 300_000 }, async () => {
    const found = await historiesOnOldBranches();
    console.log(`patches and the recorded histories that run their old branch:\n${[...found].map(([id, names]) => `  ${id}: ${names.join(', ') || 'none'}`).join('\n')}`);
    const listed = new Map(entries.map(([id, entry]) => [id, [...entry.historiesNeedingOldBranch]]));
    expect(Object.fromEntries(listed), 'historiesNeedingOldBranch in patch-registry.ts, oldest first').toEqual(Object.fromEntries(found));
    // A deprecated patch runs no old branch: no recorded history may need it.
    const blocked = entries.filter(([id, e]) => e.state !== 'patched' && (found.get(id)?.length ?? 0) > 0).map(([id]) => id);
    expect(blocked, 'deprecated while a recorded history runs the old branch').toEqual([]);
  });

  it('docs/lifecycle.md shows the table of patches', () => {
    const table = patchTable();
    console.log(table);
    expect(lifecycleDoc.includes(table), 'docs/lifecycle.md shows the table printed above (paste it there)').toBe(true);
  });
});
