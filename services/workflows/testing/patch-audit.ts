import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../src/worker';
import { workflowBundlerOptions } from '../src/workflow-bundle-options';
import { PATCHES, type PatchEntry, type PatchId } from '../src/patches/patch-registry';
import { recordedHistories, recordedHistoriesDataConverter } from './recorded-histories';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));
/** The one file that calls Temporal's patched()/deprecatePatch(), and its stand-in in the probe's bundle. */
const PATCH_CALLERS = new Set(['patches/patches.ts', 'patches/patch-probe.ts']);
/** Folders of src that hold no workflow code: the operators' scripts and the worker's Schedules. */
const NOT_WORKFLOW_CODE = new Set(['ops', 'schedules', 'histories']);

/**
 * The workflow code: the files at the top of each feature folder (`<feature>/*.ts`, tests aside),
 * as paths relative to src. A feature's activities sit in its `activities/` folder, outside the bundle.
 */
function workflowFiles(): string[] {
  const features = readdirSync(srcDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !NOT_WORKFLOW_CODE.has(d.name));
  return features.flatMap((d) =>
    readdirSync(join(srcDir, d.name))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${d.name}/${f}`),
  );
}

export interface PatchCall {
  readonly file: string;
  readonly line: number;
  /** The patch id the call names, or null when it is not a string the file spells out. */
  readonly id: string | null;
  /** `isPatched` through the registry, or Temporal's own function called around it. */
  readonly via: 'isPatched' | 'patched' | 'deprecatePatch';
}

/** A string literal, or a `const` of the same file initialised with one. */
function literalOf(node: ts.Expression, source: ts.SourceFile): string | null {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (!ts.isIdentifier(node)) return null;
  let found: string | null = null;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text && n.initializer) {
      let init = n.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (ts.isStringLiteralLike(init)) found = init.text;
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

/** Every patch call in the workflow code (`<feature>/*.ts`, tests aside), read from the source text. */
export function patchCalls(): PatchCall[] {
  const files = workflowFiles().filter((f) => !PATCH_CALLERS.has(f));
  return files.sort().flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(join(srcDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const calls: PatchCall[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (name === 'isPatched' || name === 'patched' || name === 'deprecatePatch') {
          const [arg] = node.arguments;
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          calls.push({ file, line, id: arg ? literalOf(arg, source) : null, via: name });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return calls;
  });
}

/**
 * Replays every recorded history with patches.ts swapped for patch-probe.ts, which reports each
 * patch a replay asks and finds without its marker: the histories that still run each old branch.
 */
export async function historiesOnOldBranches(): Promise<Map<PatchId, string[]>> {
  const histories = recordedHistories();
  const taken = new Map<string, Set<string>>();
  const probe = fileURLToPath(new URL('../src/patches/patch-probe.ts', import.meta.url));
  const real = join(srcDir, 'patches', 'patches');
  const results = [];
  const replays = Worker.runReplayHistories(
    {
      workflowsPath,
      bundlerOptions: {
        ...workflowBundlerOptions,
        webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), [real]: probe } } }),
      },
      dataConverter: recordedHistoriesDataConverter(),
      sinks: {
        patchProbe: {
          oldBranch: {
            fn: (info, id) => {
              taken.set(String(id), (taken.get(String(id)) ?? new Set()).add(info.workflowId));
            },
            callDuringReplay: true,
          },
        },
      },
    },
    histories.map(({ name, history }) => ({ workflowId: name, history })),
  );
  for await (const result of replays) results.push(result);
  const failed = results.filter((r) => r.error !== undefined).map((r) => `${r.workflowId}: ${String(r.error)}`);
  if (failed.length > 0 || results.length !== histories.length) throw new Error(`the probe's replay failed:\n${failed.join('\n')}`);
  const byAge = histories.slice().sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((h) => h.name);
  return new Map(Object.keys(PATCHES).map((id) => [id as PatchId, byAge.filter((name) => taken.get(id)?.has(name))]));
}

/** The table docs/lifecycle.md shows: every patch, where it stands and the recorded histories that need its old branch. */
export function patchTable(): string {
  const rows = (Object.entries(PATCHES) as [PatchId, PatchEntry][]).map(([id, entry]) => {
    const [oldest, ...others] = entry.historiesNeedingOldBranch;
    const histories = oldest === undefined ? 'none' : `\`${oldest}\`${others.length > 0 ? ` (+${others.length}: ${others.map((h) => `\`${h}\``).join(', ')})` : ''}`;
    return `| \`${id}\` | ${entry.introduced.at.slice(0, 10)}, ${entry.introduced.commit} | ${entry.workflowType} | ${entry.state} | ${entry.oldBranch} | ${histories} |`;
  });
  return [
    '| patch | introduced | workflow | state | what the old branch does | oldest recorded history that needs the old branch |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
