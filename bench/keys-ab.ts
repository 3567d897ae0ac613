/**
 * The per-candidate data keys' own cost (docs/adr/0030, 0046): `bench/lifecycles.ts` run in turns
 * on this tree and on a clone of the same commit with the keys taken out (`bench/keys-off.patch`:
 * every payload sealed with the master key, as before the keys, and no key written at invitation),
 * so the pair differs by the keys alone. Prints each run's figures and, per pair, the ratio of
 * the keys' run to the one without them (goal: starts and reminder lateness within 1.1×).
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/keys-ab.ts
 *   BENCH_AB_PAIRS=3 BENCH_LIFECYCLES=200 node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/keys-ab.ts
 *
 * The clone is of HEAD (commit first); it is set up once under the OS temp dir with this tree's
 * Temporal and FerretDB binaries and kept for the next run. Runs alternate, keys first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '@portal/devstack/paths';

const PAIRS = Number(process.env.BENCH_AB_PAIRS ?? 2);
const LIFECYCLES = process.env.BENCH_LIFECYCLES ?? '200';
const log = (line: string) => console.error(`[keys-ab] ${line}`);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** What one run of the lifecycles bench printed, as numbers. */
type Figures = { floor: number; starts: number; bookings: number; lateP50: number; lateP99: number; rssPeak: number; reminders: string };

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
  };
}

/** The clone without the keys: HEAD, the patch applied, packages installed (once; reused while HEAD is the same). */
function treeWithoutKeys(): string {
  const head = git(repoRoot, 'rev-parse', '--short', 'HEAD');
  if (git(repoRoot, 'status', '--porcelain', '--untracked-files=no') !== '') log('this tree has uncommitted changes: the clone is of HEAD, the keys run of the working tree');
  const root = join(tmpdir(), `portal-keys-ab-${head}`);
  const tree = join(root, 'main');
  const tools = { TEMPORAL_BIN: join(repoRoot, '.tools', 'bin', 'temporal'), FERRETDB_BIN: join(repoRoot, '.tools', 'bin', 'ferretdb') };
  if (!existsSync(join(tree, 'node_modules'))) {
    log(`setting up ${tree} (${head} with bench/keys-off.patch)`);
    mkdirSync(root, { recursive: true });
    if (!existsSync(tree)) execFileSync('git', ['clone', '-q', repoRoot, tree]);
    // The docs beside the project's root, as on every machine (scripts may read them).
    const shared = join(dirname(repoRoot), 'shared');
    if (existsSync(shared) && !existsSync(join(root, 'shared'))) cpSync(shared, join(root, 'shared'), { recursive: true });
    try {
      git(tree, 'apply', join(repoRoot, 'bench', 'keys-off.patch'));
    } catch (error) {
      throw new Error(`bench/keys-off.patch no longer applies to ${head}: mend it to what the keys' code is now (${String(error)})`);
    }
    execFileSync('bash', ['scripts/setup.sh'], { cwd: tree, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...tools } });
  }
  return tree;
}

function runLifecycles(tree: string, label: string): Promise<Figures> {
  const started = new Date().toISOString().slice(11, 19);
  log(`${label}: bench:lifecycles (${LIFECYCLES}) in ${tree}, ${started} UTC`);
  return new Promise((resolve, reject) => {
    const child = spawn(join(tree, 'node_modules', '.bin', 'tsx'), ['--tsconfig', 'bench/tsconfig.json', 'bench/lifecycles.ts'], {
      cwd: tree,
      env: {
        ...process.env,
        BENCH_LIFECYCLES: LIFECYCLES,
        TEMPORAL_BIN: join(repoRoot, '.tools', 'bin', 'temporal'),
        FERRETDB_BIN: join(repoRoot, '.tools', 'bin', 'ferretdb'),
      },
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
  `${label.padEnd(9)} floor ${f.floor.toFixed(1)} /s, starts ${f.starts.toFixed(1)} /s, bookings ${f.bookings.toFixed(1)} /s, lateness p50 ${f.lateP50.toFixed(2)} s, p99 ${f.lateP99.toFixed(2)} s, RSS peak ${f.rssPeak} MiB; reminders ${f.reminders}`;
const ratio = (withKeys: number, without: number) => `${(withKeys / without).toFixed(2)}x`;

const without = treeWithoutKeys();
const rows: string[] = [];
for (let pair = 1; pair <= PAIRS; pair += 1) {
  const keys = await runLifecycles(repoRoot, `pair ${pair}, keys`);
  const none = await runLifecycles(without, `pair ${pair}, no keys`);
  console.log(line(`${pair} keys`, keys));
  console.log(line(`${pair} none`, none));
  rows.push(
    `pair ${pair}: starts ${ratio(keys.starts, none.starts)} (${ratio(keys.starts / keys.floor, none.starts / none.floor)} against each floor), ` +
      `bookings ${ratio(keys.bookings, none.bookings)}, lateness p50 ${ratio(keys.lateP50, none.lateP50)}, p99 ${ratio(keys.lateP99, none.lateP99)}, RSS ${ratio(keys.rssPeak, none.rssPeak)}`,
  );
}
console.log(`\nthe keys against none (goal: starts and lateness within 1.1x)\n${rows.join('\n')}`);
