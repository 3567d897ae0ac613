import { deprecatePatch, patched } from '@temporalio/workflow';
import { PATCHES, type LivePatchId, type PatchEntry } from './patch-registry';

/**
 * Whether this run takes a patch's new branch, by the patch's state in the registry: a `patched`
 * one asks Temporal (false only for a run whose history went down the old branch), a `deprecated`
 * one is always in and says so to Temporal (`deprecatePatch`), so that runs carrying its marker and
 * runs without it both replay. The workflows' only call of `patched()` and `deprecatePatch()`.
 */
export function isPatched(id: LivePatchId): boolean {
  const entry: PatchEntry = PATCHES[id];
  if (entry.state === 'deprecated') {
    deprecatePatch(id);
    return true;
  }
  return patched(id);
}
