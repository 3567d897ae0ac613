import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree, PortInUseError } from './assert-port-free';
import { freePort } from './free-port';

describe('assertPortFree', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('names the port, what it was for and the variable to change when the port is taken', async () => {
    const port = await freePort();
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));

    const failure = assertPortFree(port, 'Temporal frontend', 'TEMPORAL_PORT');
    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(
      `port ${port} (Temporal frontend) is already in use; set TEMPORAL_PORT=<another port> to use a different one`,
    );
  });

  it('passes when nothing listens on the port', async () => {
    await expect(assertPortFree(await freePort(), 'web app', 'WEB_PORT')).resolves.toBeUndefined();
  });
});
