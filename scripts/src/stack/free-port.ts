import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** The lowest port handed out. */
const LOWEST = 10_000;

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
  for (let tries = 0; below !== undefined && tries < 20; tries += 1) {
    const held = await listenOn(LOWEST + randomInt(below - LOWEST)).catch(() => undefined);
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
      const next = await listenOn(first.port + k).catch(() => undefined);
      if (!next) break;
      rest.push(next);
    }
    await Promise.all([first, ...rest].map((held) => held.release()));
    if (rest.length === count - 1) return first.port;
  }
}
