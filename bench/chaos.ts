import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosInfra } from './chaos-infra';
import type { BenchPortal } from './harness';
import type { ProductionBenchInfra } from './production-infra';

/** One blow of a chaos run: what it is and how it is dealt (it returns once what it hit is back). */
export interface Blow {
  name: string;
  kind: 'kill' | 'restart';
  deal(): Promise<void>;
}

export interface ChaosCounts {
  kills: number;
  restarts: number;
  log: string[];
}

/** SIGKILLs one instance of a service and starts it again after 1–5 s. */
function killService(portal: BenchPortal, service: 'workflows' | 'notifications' | 'booking', instance = 0): () => Promise<void> {
  return async () => {
    const restart = await portal.kill(service, instance);
    await sleep(1_000 + Math.random() * 4_000);
    await restart();
  };
}

/** The dev stack's run (the issue that asked for it): three workflows-worker kills, two notifications-worker kills, one restart of each server. */
export function devBlows(portal: BenchPortal, infra: ChaosInfra): Blow[] {
  const workflows: Blow = { name: 'kill workflows worker', kind: 'kill', deal: killService(portal, 'workflows') };
  const notifications: Blow = { name: 'kill notifications worker', kind: 'kill', deal: killService(portal, 'notifications') };
  return [
    workflows,
    workflows,
    workflows,
    notifications,
    notifications,
    { name: 'restart Temporal dev server', kind: 'restart', deal: () => infra.restartTemporal() },
    { name: 'restart database', kind: 'restart', deal: () => infra.restartDatabase() },
  ];
}

/**
 * The production topology's run (issue 49): one history host, one frontend and one matching host
 * of the Temporal cluster, one booking, one workflows and one notifications instance killed, and
 * PostgreSQL (the store of FerretDB and of the cluster) restarted.
 */
export function productionBlows(portal: BenchPortal, infra: ProductionBenchInfra): Blow[] {
  return [
    ...['history-1', 'frontend-1', 'matching-1'].map((host): Blow => ({ name: `kill Temporal ${host}`, kind: 'kill', deal: () => infra.killHost(host) })),
    { name: 'kill booking-1', kind: 'kill', deal: killService(portal, 'booking') },
    { name: 'kill workflows-1', kind: 'kill', deal: killService(portal, 'workflows') },
    { name: 'kill notifications-1', kind: 'kill', deal: killService(portal, 'notifications') },
    { name: 'restart PostgreSQL', kind: 'restart', deal: () => infra.restartPostgres() },
  ];
}

/**
 * Deals the blows at random moments between `from` and `to`, one at a time (a blow due while the
 * previous one still recovers waits for it).
 */
export async function runChaos(blows: Blow[], from: number, to: number, log: (line: string) => void): Promise<ChaosCounts> {
  const plan = blows.map((blow) => ({ blow, at: from + Math.random() * (to - from) })).sort((a, b) => a.at - b.at);
  const counts: ChaosCounts = { kills: 0, restarts: 0, log: [] };
  for (const { blow, at } of plan) {
    await sleep(Math.max(0, at - Date.now()));
    const started = Date.now();
    await blow.deal();
    if (blow.kind === 'kill') counts.kills += 1;
    else counts.restarts += 1;
    const line = `${new Date(started).toISOString()} ${blow.name}: back after ${((Date.now() - started) / 1000).toFixed(1)} s`;
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
