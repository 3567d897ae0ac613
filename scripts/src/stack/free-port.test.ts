import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, heldPort, reserve, RESERVATIONS } from './free-port';

const kernelLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

describe('freePort', () => {
  it('answers ports below the ones the kernel hands to binds to 0 and outgoing connections, each one a server can listen on', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(kernelLow);
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps a held port listening until it is released', async () => {
    const { port, release } = await heldPort();
    const refused = createServer();
    await expect(new Promise((resolve, reject) => refused.once('error', reject).listen(port, () => resolve(undefined)))).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await release();
    await expect(new Promise((resolve, reject) => connect(port, '127.0.0.1').once('connect', resolve).once('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('never answers a port another process chose in the last half hour, even once that port is released again', async () => {
    const { port, release } = await heldPort();
    await release();
    // Any process of the machine asking for it now (a second test file's portal) is told no.
    expect(reserve(port)).toBe(false);
    // Half an hour on, the choice is stale and the port may be chosen again.
    const old = new Date(Date.now() - 31 * 60_000);
    utimesSync(join(RESERVATIONS, String(port)), old, old);
    expect(reserve(port)).toBe(true);
    expect(reserve(port)).toBe(false);
  });
});
