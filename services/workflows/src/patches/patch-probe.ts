import { deprecatePatch, patched, proxySinks, type Sinks } from '@temporalio/workflow';
import { PATCHES, type LivePatchId, type PatchEntry } from './patch-registry';
import type { isPatched as realIsPatched } from './patches';

/** Where a replay reports each patch a run asked and found without its marker (the old branch). */
export interface PatchProbeSinks extends Sinks {
  patchProbe: { oldBranch(id: string): void };
}

const { patchProbe } = proxySinks<PatchProbeSinks>();

/**
 * patches.ts as patch-registry.test.ts bundles it for its replay: the same answer, and each old
 * branch taken reported to the replay's sink. Never part of the worker's bundle.
 */
export const isPatched: typeof realIsPatched = (id: LivePatchId) => {
  const entry: PatchEntry = PATCHES[id];
  if (entry.state === 'deprecated') {
    deprecatePatch(id);
    return true;
  }
  const taken = patched(id);
  if (!taken) patchProbe.oldBranch(id);
  return taken;
};
