import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { repoRoot } from '@portal/devstack/paths';

type Timestamp = { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined;
/** A history event's time (`eventTime`) in ms since the epoch; NaN when the event has none. */
export const eventTimeMs = (ts: Timestamp) => (ts ? Number(ts.seconds ?? 0) * 1000 + (ts.nanos ?? 0) / 1e6 : Number.NaN);

export interface Figures {
  count: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The middle value (the upper of the two middle ones for an even count); NaN for none. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export function figures(latencies: number[], errors: number, elapsedMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    perSecond: (sorted.length / elapsedMs) * 1000,
  };
}

/** What closed loops measured, before it becomes figures: every call's latency, the errors, the time taken. */
export interface Samples {
  latencies: number[];
  errors: number;
  elapsedMs: number;
}

/** `clients` loops, each calling `call` back to back until `durationMs` has passed; the samples added to `into`. */
export async function closedLoopInto(into: Samples, clients: number, durationMs: number, call: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        try {
          await call();
          into.latencies.push(performance.now() - at);
        } catch {
          into.errors += 1;
        }
      }
    }),
  );
  into.elapsedMs += performance.now() - started;
}

/** `clients` loops, each calling `call` back to back until `durationMs` has passed. */
export async function closedLoop(clients: number, durationMs: number, call: () => Promise<unknown>): Promise<Figures> {
  const samples: Samples = { latencies: [], errors: 0, elapsedMs: 0 };
  await closedLoopInto(samples, clients, durationMs, call);
  return figures(samples.latencies, samples.errors, samples.elapsedMs);
}

/** Times each call of a batch that starts all at once; refusals count as answers too. */
export async function burst<T>(calls: Array<() => Promise<T>>): Promise<{ figures: Figures; results: PromiseSettledResult<T>[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.allSettled(
    calls.map(async (call) => {
      const at = performance.now();
      try {
        return await call();
      } finally {
        latencies.push(performance.now() - at);
      }
    }),
  );
  return { figures: figures(latencies, 0, performance.now() - started), results };
}

export function row(label: string, f: Figures): string {
  return `${label.padEnd(34)} p50 ${f.p50Ms.toFixed(1).padStart(7)} ms   p99 ${f.p99Ms.toFixed(1).padStart(7)} ms   ${f.perSecond
    .toFixed(0)
    .padStart(6)} req/s   n=${f.count}${f.errors ? ` errors=${f.errors}` : ''}`;
}

/** Runs `work` over `items` with at most `limit` at once; results in the items' order. */
export async function inPool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/**
 * The floor for lifecycle starts: `count` bare workflow starts at `concurrency`, per second, on the
 * server `client` talks to. No document, no worker (the task queue is never polled); each is
 * terminated afterwards. `tag` keeps one run's workflow ids apart from another's.
 */
export async function bareStartsPerSecond(client: Client, count: number, concurrency: number, tag: string): Promise<number> {
  const ids = Array.from({ length: count }, (_, i) => `bench-floor-${process.pid}-${tag}-${i}`);
  const started = Date.now();
  await inPool(ids, concurrency, (workflowId) => client.workflow.start('benchFloorNoop', { taskQueue: `bench-floor-${process.pid}`, workflowId }));
  const perSecond = count / ((Date.now() - started) / 1000);
  await inPool(ids, concurrency, (workflowId) => client.workflow.getHandle(workflowId).terminate('bench floor done'));
  return perSecond;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** A process's CPU time so far (user + system, ms), its parent and its command name, from `/proc`. */
interface ProcessCpu {
  pid: string;
  parent: string;
  comm: string;
  ms: number;
}

/** Every process on the machine, read once each; one that exits while read is left out. */
function processesCpu(): ProcessCpu[] {
  const found: ProcessCpu[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      found.push({ pid, parent: fields[1] ?? '', comm, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // exited while we looked
    }
  }
  return found;
}

const add = (totals: Map<string, number>, key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);

/**
 * CPU time (user + system, ms) every process on the machine has used so far, summed by its
 * command name (`/proc/<pid>/comm`; this process as `bench`): two readings apart give what each
 * part of the stack spent between them. Processes that exit in between drop out of the second.
 */
export function cpuMsByProcess(): Map<string, number> {
  const byName = new Map<string, number>();
  for (const { pid, comm, ms } of processesCpu()) add(byName, pid === String(process.pid) ? 'bench' : comm, ms);
  return byName;
}

/**
 * CPU ms (user + system) of this process's descendants, by service (cwd under services/) or command
 * name, and this process itself as `bench` (the HR and candidate clients, and the email sink).
 */
export function cpuMsByPart(): Map<string, number> {
  const processes = processesCpu();
  const parentOf = new Map(processes.map(({ pid, parent }) => [pid, parent]));
  const self = String(process.pid);
  const mine = (pid: string): boolean => {
    for (let at: string | undefined = pid, hops = 0; at && at !== '0' && hops < 20; at = parentOf.get(at), hops += 1) if (at === self) return true;
    return false;
  };
  const byPart = new Map<string, number>();
  for (const { pid, comm, ms } of processes) {
    if (!mine(pid)) continue;
    if (pid === self) {
      add(byPart, 'bench', ms);
      continue;
    }
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // exited since
    }
    add(byPart, cwd.includes('/services/') ? basename(cwd) : comm, ms);
  }
  return byPart;
}

/** What grew between two readings of the same counters (CPU ms, calls), largest first; what did not grow is left out. */
export function grownBetween(before: Map<string, number>, after: Map<string, number>): Array<readonly [string, number]> {
  return [...after].map(([key, n]) => [key, n - (before.get(key) ?? 0)] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
}

/** What each part spent between two `cpuMsByPart` readings, per item, largest first, and how many cores were busy on average. */
export function cpuSpentLine(before: Map<string, number>, after: Map<string, number>, items: number, seconds: number): string {
  const spent = grownBetween(before, after);
  const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
  const parts = spent.map(([part, ms]) => `${part} ${(ms / items).toFixed(1)}`).join(', ');
  return `${(total / 1000 / seconds).toFixed(2)} cores busy; ms each: ${parts}; total ${(total / items).toFixed(1)}`;
}

/** An environment variable naming this bench run, given to its services so `/proc` tells them apart from another run's. */
export const runMark = (bench: string): Record<string, string> => ({ [`BENCH_${bench.toUpperCase()}_RUN`]: String(process.pid) });

/**
 * RSS in MiB of this run's workflows worker (started with `runMark(bench)` in its environment):
 * tsx runs it in a child node process, so of the marked processes in services/workflows, the
 * largest is the worker itself.
 */
export function workflowsWorkerRssMiB(bench: string): number {
  const cwd = join(repoRoot, 'services', 'workflows');
  const [mark] = Object.entries(runMark(bench)).map(([name, value]) => `${name}=${value}`);
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) !== cwd) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(mark ?? '')) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      kib = Math.max(kib, rss);
    } catch {
      // another user's process, or one that exited while we looked
    }
  }
  return kib / 1024;
}
