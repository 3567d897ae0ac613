import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly purpose: string,
    envVar?: string,
  ) {
    const hint = envVar ? `; set ${envVar}=<another port> to use a different one` : '';
    super(`port ${port} (${purpose}) is already in use${hint}`);
    this.name = 'PortInUseError';
  }
}

/**
 * Fails with a message naming the port and what it was meant for. Binds the wildcard
 * address, which conflicts with a listener on any local address in either IP family.
 */
export async function assertPortFree(port: number, purpose: string, envVar?: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, purpose, envVar) : error);
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolve()));
  });
}
