/**
 * The per-candidate data keys' own cost (docs/adr/0030, 0046): `bench/lifecycles.ts` run in turns
 * on this tree and on a clone of the same commit with the keys taken out (`bench/keys-off.patch`:
 * every payload sealed with the master key, as before the keys, and no key written at invitation),
 * so the pair differs by the keys alone. Prints each run's figures and, per pair and as the median
 * of the pairs, the ratio of the keys' run to the one without them (goal: starts and reminder
 * lateness within 1.1×).
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/keys-ab.ts
 *   BENCH_AB_PAIRS=3 BENCH_LIFECYCLES=200 node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/keys-ab.ts
 *
 * The clone is of HEAD (commit first); it is set up once under the OS temp dir with this tree's
 * Temporal and FerretDB binaries and kept for the next run. Runs alternate, keys first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '@portal/devstack/paths';
import { median } from './measure';

const PAIRS = Number(process.env.BENCH_AB_PAIRS ?? 3);
const LIFECYCLES = process.env.BENCH_LIFECYCLES ?? '200';
const log = (line: string) => console.error(`[keys-ab] ${line}`);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
/** Both trees run on this tree's Temporal and FerretDB binaries (scripts/setup.sh builds them). */
const TOOLS = { TEMPORAL_BIN: join(repoRoot, '.tools', 'bin', 'temporal'), FERRETDB_BIN: join(repoRoot, '.tools', 'bin', 'ferretdb') };

/** What one run of the lifecycles bench printed, as numbers. */
type Figures = { floor: number; starts: number; bookings: number; lateP50: number; lateP99: number; rssPeak: number; reminders: string; inviteCpu: string };

function parse(output: string): Figures {
  const number = (pattern: RegExp): number => {
    const found = pattern.exec(output)?.[1];
    if (found === undefined) throw new Error(`the lifecycles bench printed no ${pattern.source}:\n${output}`);
    return Number(found);
  };
  return {
    starts: number(/lifecycle starts\s+([\d.]+) \/s/),
    floor: number(/floor ([\d.]+) \/s bare/),
    bookings: number(/bookings\s+([\d.]+) \/s/),
    lateP50: number(/reminder lateness\s+all: p50 ([\d.]+) s/),
    lateP99: number(/reminder lateness\s+all: p50 [\d.]+ s, p99 ([\d.]+) s/),
    rssPeak: number(/worker RSS\s+idle \d+ MiB, peak (\d+) MiB/),
    reminders: /reminders at the sink\s+([^;]+; sent more than once: \d+)/.exec(output)?.[1] ?? '?',
    inviteCpu: /CPU while inviting\s+(.*)/.exec(output)?.[1] ?? '?',
  };
}

/** The clone without the keys: HEAD, the patch applied, packages installed (once; reused while HEAD is the same). */
function treeWithoutKeys(): string {
  const head = git(repoRoot, 'rev-parse', '--short', 'HEAD');
  if (git(repoRoot, 'status', '--porcelain', '--untracked-files=no') !== '') log('this tree has uncommitted changes: the clone is of HEAD, the keys run of the working tree');
  const root = join(tmpdir(), `portal-keys-ab-${head}`);
  const tree = join(root, 'main');
  // Written once setup has finished: a clone whose setup stopped half-way is set up again.
  const ready = join(root, 'ready');
  if (existsSync(ready)) return tree;
  log(`setting up ${tree} (${head} with bench/keys-off.patch)`);
  mkdirSync(root, { recursive: true });
  if (!existsSync(tree)) execFileSync('git', ['clone', '-q', repoRoot, tree]);
  // The docs beside the project's root, as on every machine (scripts may read them).
  const shared = join(dirname(repoRoot), 'shared');
  if (existsSync(shared) && !existsSync(join(root, 'shared'))) cpSync(shared, join(root, 'shared'), { recursive: true });
  // Applied once: a clone set up half-way before has it already.
  if (git(tree, 'status', '--porcelain', '--untracked-files=no') === '') applyKeysOff(tree, head);
  execFileSync('bash', ['scripts/setup.sh'], { cwd: tree, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...TOOLS } });
  writeFileSync(ready, `${head}\n`);
  return tree;
}

function applyKeysOff(tree: string, head: string): void {
  try {
    git(tree, 'apply', join(repoRoot, 'bench', 'keys-off.patch'));
  } catch (error) {
    throw new Error(`bench/keys-off.patch no longer applies to ${head}: mend it to what the keys' code is now (${String(error)})`);
  }
}

function runLifecycles(tree: string, label: string): Promise<Figures> {
  const started = new Date().toISOString().slice(11, 19);
  log(`${label}: bench:lifecycles (${LIFECYCLES}) in ${tree}, ${started} UTC`);
  return new Promise((resolve, reject) => {
    const child = spawn(join(tree, 'node_modules', '.bin', 'tsx'), ['--tsconfig', 'bench/tsconfig.json', 'bench/lifecycles.ts'], {
      cwd: tree,
      env: { ...process.env, ...TOOLS, BENCH_LIFECYCLES: LIFECYCLES },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${label}: the lifecycles bench exited with ${code}`));
      try {
        resolve(parse(output));
      } catch (error) {
        reject(error);
      }
    });
  });
}

const line = (label: string, f: Figures) =>
  `${label.padEnd(9)} floor ${f.floor.toFixed(1)} /s, starts ${f.starts.toFixed(1)} /s, bookings ${f.bookings.toFixed(1)} /s, lateness p50 ${f.lateP50.toFixed(2)} s, p99 ${f.lateP99.toFixed(2)} s, RSS peak ${f.rssPeak} MiB; reminders ${f.reminders}\n          while inviting: ${f.inviteCpu}`;
/** The figures compared, each as the keys' run over the run without them. */
const RATIOS: Array<[string, (f: Figures) => number]> = [
  ['starts', (f) => f.starts],
  ['starts against each floor', (f) => f.starts / f.floor],
  ['bookings', (f) => f.bookings],
  ['lateness p50', (f) => f.lateP50],
  ['lateness p99', (f) => f.lateP99],
  ['RSS peak', (f) => f.rssPeak],
];

const without = treeWithoutKeys();
if (!(PAIRS >= 1)) {
  log(`the tree without the keys is ready at ${without}; BENCH_AB_PAIRS=${PAIRS}, so no pair runs`);
  process.exit(0);
}
const pairs: Array<{ keys: Figures; none: Figures }> = [];
for (let pair = 1; pair <= PAIRS; pair += 1) {
  const keys = await runLifecycles(repoRoot, `pair ${pair}, keys`);
  const none = await runLifecycles(without, `pair ${pair}, no keys`);
  console.log(line(`${pair} keys`, keys));
  console.log(line(`${pair} none`, none));
  pairs.push({ keys, none });
}
// One pair moves with the machine (the starts figure most: ADR 0046): read the median of the pairs.
console.log('\nthe keys against none, each pair and the median (goal: starts and lateness within 1.1x)');
for (const [name, of] of RATIOS) {
  const ratios = pairs.map(({ keys, none }) => of(keys) / of(none));
  console.log(`${name.padEnd(26)} ${ratios.map((r) => `${r.toFixed(2)}x`).join('  ')}  median ${median(ratios).toFixed(2)}x`);
}
