import { createServer, type AddressInfo } from 'node:net';

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
 */
export function heldPort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ port, release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
