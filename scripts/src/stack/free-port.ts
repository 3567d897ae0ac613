import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The lowest port handed out. */
const LOWEST = 10_000;

/**
 * Ports chosen by any process on this machine in the last RESERVED_MS, one empty file each: a port
 * chosen for a server that starts minutes later (the production topology's booking, after its
 * Temporal cluster) is not chosen again meanwhile by another test file's process, which the
 * released port alone could not tell it.
 */
export const RESERVATIONS = join(tmpdir(), 'portal-port-reservations');
const RESERVED_MS = 30 * 60_000;

/** Whether `port` was free of other processes' choices and is now this one's for RESERVED_MS. */
export function reserve(port: number): boolean {
  const file = join(RESERVATIONS, String(port));
  try {
    mkdirSync(RESERVATIONS, { recursive: true });
    closeSync(openSync(file, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return true;
    try {
      if (Date.now() - statSync(file).mtimeMs < RESERVED_MS) return false;
      const now = new Date();
      utimesSync(file, now, now);
      return true;
    } catch {
      return true;
    }
  }
}

/**
 * The ports the kernel hands out on its own, to every bind to port 0 and every outgoing connection
 * (Linux's ip_local_port_range): a run makes thousands of those, and the published ports of its
 * containers come from there too. A port we choose for a server that starts only later is taken
 * from below them, where nothing but another such choice can land on it before the server listens.
 */
function kernelRangeStart(): number | undefined {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return low > 0 ? low : undefined;
  } catch {
    return undefined;
  }
}

/** A port the OS considers free right now; for tests and internal side ports only. */
export async function freePort(): Promise<number> {
  const { port, release } = await heldPort();
  await release();
  return port;
}

/**
 * A free port kept listening until `release`, for a server that can start only later (its address
 * goes into another process's settings first): meanwhile no other socket, listening or connecting,
 * takes it. Released just before the server starts, the gap is milliseconds instead of the seconds
 * between a `freePort` answer and the start (a browser test's web preview waits for its portal).
 * Chosen at random below the kernel's own range (kernelRangeStart), else by the kernel.
 */
export async function heldPort(): Promise<{ port: number; release(): Promise<void> }> {
  const start = kernelRangeStart();
  const below = start !== undefined && start - LOWEST >= 1_000 ? start : undefined;
  for (let tries = 0; below !== undefined && tries < 40; tries += 1) {
    const port = LOWEST + randomInt(below - LOWEST);
    if (!reserve(port)) continue;
    const held = await listenOn(port).catch(() => undefined);
    if (held) return held;
  }
  return listenOn(0);
}

/** Listens on `port` on every address (as the services do), or fails if any of them has it. */
function listenOn(port: number): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({ port: bound, release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** The first of `count` consecutive free ports (a service whose instance k listens on its port + k). */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const first = await heldPort();
    const rest: { release(): Promise<void> }[] = [];
    for (let k = 1; k < count; k += 1) {
      const next = reserve(first.port + k) ? await listenOn(first.port + k).catch(() => undefined) : undefined;
      if (!next) break;
      rest.push(next);
    }
    await Promise.all([first, ...rest].map((held) => held.release()));
    if (rest.length === count - 1) return first.port;
  }
}
