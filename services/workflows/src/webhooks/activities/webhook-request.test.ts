import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, postWebhook, RefusedWebhookAddress } from './webhook-request';

let server: Server;
let port: number;
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/redirect') return void response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      if (request.url === '/hold') return void held.push(response);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ port } = server.address() as AddressInfo);
});

afterAll(async () => {
  for (const response of held) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const loopbackAllowed = new Set(['127.0.0.1']);
const post = (url: string, allowedHosts = loopbackAllowed, timeoutMs = 2_000) => postWebhook({ url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs, allowedHosts });

describe('a webhook POST', () => {
  it('reaches an allow-listed host, and answers a redirect as a status, never following it', async () => {
    expect((await post(`http://127.0.0.1:${port}/ok`)).statusCode).toBe(204);
    expect((await post(`http://127.0.0.1:${port}/redirect`)).statusCode).toBe(302);
  });

  it('refuses a loopback address, literal or by a name that resolves to it, unless the host is allow-listed', async () => {
    await expect(post(`http://127.0.0.1:${port}/ok`, new Set())).rejects.toBeInstanceOf(RefusedWebhookAddress);
    await expect(post(`http://[::ffff:127.0.0.1]:${port}/ok`, new Set())).rejects.toBeInstanceOf(RefusedWebhookAddress);
    await expect(post(`http://localhost:${port}/ok`, new Set())).rejects.toBeInstanceOf(RefusedWebhookAddress);
    expect((await post(`http://localhost:${port}/ok`, new Set(['localhost']))).statusCode).toBe(204);
  });

  it('gives up when the answer does not come within its deadline', async () => {
    await expect(post(`http://127.0.0.1:${port}/hold`, loopbackAllowed, 300)).rejects.toThrow(/no answer within 300 ms/);
  });
});

describe("the socket's guarded lookup", () => {
  const resolving = (...addresses: string[]) =>
    guardedLookup((_host, _options, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
  const ask = (lookup: ReturnType<typeof guardedLookup>, all: boolean) =>
    new Promise<{ error: unknown; address: unknown; family: unknown }>((resolve) => lookup('hooks.example.test', { all }, (error, address, family) => resolve({ error, address, family })));

  it('answers a public name in the shape asked for: one address, or all of them', async () => {
    const lookup = resolving('93.184.216.34', '2606:2800:220:1::1');
    expect(await ask(lookup, false)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await ask(lookup, true)).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }], family: undefined });
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const { error } = await ask(resolving('93.184.216.34', '10.0.0.7'), true);
    expect(error).toBeInstanceOf(RefusedWebhookAddress);
    expect(String(error)).toContain('10.0.0.7');
  });
});
