import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, heldPort } from './free-port';

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
});
