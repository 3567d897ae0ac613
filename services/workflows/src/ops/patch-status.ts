import type { Client } from '@temporalio/client';
import { PATCHES, type PatchEntry, type PatchId } from '../patches/patch-registry';

/** What the rule (docs/lifecycle.md, "Patches and their retirement") lets ops do with a patch now. */
export type PatchAdvice = 'keep' | 'retire its recorded histories first' | 'may deprecate' | 'keep deprecated' | 'may remove' | 'removed';

export interface PatchStatus {
  readonly id: PatchId;
  readonly state: PatchEntry['state'];
  /** Lifecycles started before this moment may carry the old branch (or the deprecated patch's marker). */
  readonly cut: string | null;
  /** Where the cut comes from: the release ops recorded, or the commit's time while none is recorded. */
  readonly cutFrom: 'release' | 'commit' | 'deprecation release' | null;
  /** Running workflows of the patch's type started before the cut; null for a removed patch. */
  readonly runningBefore: number | null;
  readonly histories: readonly string[];
  readonly advice: PatchAdvice;
}

export interface PatchStatusScope {
  /** Only workflows of this task queue (a test's own); every lifecycle of the namespace without it. */
  readonly taskQueue?: string;
}

/** The visibility query for running workflows of one type started before a moment. */
export function runningBeforeQuery(workflowType: string, cut: string, scope: PatchStatusScope = {}): string {
  const clauses = [`WorkflowType = '${workflowType}'`, `ExecutionStatus = 'Running'`, `StartTime < '${new Date(cut).toISOString()}'`];
  if (scope.taskQueue !== undefined) clauses.push(`TaskQueue = '${scope.taskQueue}'`);
  return clauses.join(' AND ');
}

function cutOf(entry: PatchEntry): Pick<PatchStatus, 'cut' | 'cutFrom'> {
  if (entry.state === 'patched') return entry.released ? { cut: entry.released, cutFrom: 'release' } : { cut: entry.introduced.at, cutFrom: 'commit' };
  if (entry.state === 'deprecated' && entry.deprecatedReleased) return { cut: entry.deprecatedReleased, cutFrom: 'deprecation release' };
  return { cut: null, cutFrom: null };
}

function adviceOf(entry: PatchEntry, runningBefore: number | null): PatchAdvice {
  if (entry.state === 'removed') return 'removed';
  if (entry.state === 'deprecated') return runningBefore === 0 ? 'may remove' : 'keep deprecated';
  if (runningBefore !== 0) return 'keep';
  return entry.historiesNeedingOldBranch.length > 0 ? 'retire its recorded histories first' : 'may deprecate';
}

/**
 * Asks the Temporal server's visibility, for every patch of the registry, how many lifecycles of
 * its workflow type still run that started before the patch (a `patched` one: they may have run
 * its old branch) or before its deprecation (a `deprecated` one: they may still ask `patched()`),
 * and says what the rule allows.
 */
export async function patchStatuses(
  client: Client,
  patches: Readonly<Record<string, PatchEntry>> = PATCHES,
  scope: PatchStatusScope = {},
): Promise<PatchStatus[]> {
  const counts = new Map<string, Promise<number>>();
  const countOf = (query: string) => {
    const known = counts.get(query) ?? client.workflow.count(query).then((answer) => answer.count);
    counts.set(query, known);
    return known;
  };
  return Promise.all(
    Object.entries(patches).map(async ([id, entry]) => {
      const { cut, cutFrom } = cutOf(entry);
      const runningBefore = cut === null ? null : await countOf(runningBeforeQuery(entry.workflowType, cut, scope));
      return { id: id as PatchId, state: entry.state, cut, cutFrom, runningBefore, histories: entry.historiesNeedingOldBranch, advice: adviceOf(entry, runningBefore) };
    }),
  );
}

/** The command's table: one line per patch. */
export function formatPatchStatuses(statuses: readonly PatchStatus[]): string {
  const header = ['patch', 'state', 'started before', 'running', 'recorded histories', 'advice'];
  const rows = statuses.map((s) => [
    s.id,
    s.state,
    s.cut === null ? '-' : `${s.cut} (${s.cutFrom})`,
    s.runningBefore === null ? '-' : String(s.runningBefore),
    String(s.histories.length),
    s.advice,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const notes = statuses.some((s) => s.cutFrom === 'commit')
    ? ["\n'(commit)': no release recorded for the patch (`released` in patch-registry.ts); lifecycles started between the commit and its deploy are not counted."]
    : [];
  return [line(header), ...rows.map(line), ...notes].join('\n');
}
