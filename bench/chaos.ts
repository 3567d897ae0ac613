import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosInfra } from './chaos-infra';
import type { BenchPortal } from './harness';

type Blow = 'kill workflows worker' | 'kill notifications worker' | 'restart Temporal dev server' | 'restart database';

/** What the issue asks of one run: three workflows-worker kills, two notifications-worker kills, one restart of each server. */
const BLOWS: Blow[] = [
  'kill workflows worker',
  'kill workflows worker',
  'kill workflows worker',
  'kill notifications worker',
  'kill notifications worker',
  'restart Temporal dev server',
  'restart database',
];

export interface ChaosCounts {
  kills: number;
  restarts: number;
  log: string[];
}

/**
 * Deals the blows at random moments between `from` and `to`, one at a time (a blow due while the
 * previous one still recovers waits for it). A killed worker is SIGKILLed and started again after
 * 1–5 s; a server is stopped and started again on its port with its data.
 */
export async function runChaos(portal: BenchPortal, infra: ChaosInfra, from: number, to: number, log: (line: string) => void): Promise<ChaosCounts> {
  const plan = BLOWS.map((blow) => ({ blow, at: from + Math.random() * (to - from) })).sort((a, b) => a.at - b.at);
  const counts: ChaosCounts = { kills: 0, restarts: 0, log: [] };
  for (const { blow, at } of plan) {
    await sleep(Math.max(0, at - Date.now()));
    const started = Date.now();
    if (blow === 'restart Temporal dev server') await infra.restartTemporal();
    else if (blow === 'restart database') await infra.restartDatabase();
    else {
      const restart = await portal.kill(blow === 'kill workflows worker' ? 'workflows' : 'notifications');
      await sleep(1_000 + Math.random() * 4_000);
      await restart();
    }
    if (blow.startsWith('kill')) counts.kills += 1;
    else counts.restarts += 1;
    const line = `${new Date(started).toISOString()} ${blow}: back after ${((Date.now() - started) / 1000).toFixed(1)} s`;
    counts.log.push(line);
    log(line);
  }
  return counts;
}

/** Retries a call that failed for want of a server (not a refusal), as a candidate clicking again would. */
export async function throughChaos<T>(call: () => Promise<T>, isRefusal: (error: unknown) => boolean, attempts = 60): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (isRefusal(error) || attempt >= attempts) throw error;
      await sleep(2_000);
    }
  }
}
