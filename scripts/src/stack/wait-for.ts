import { connect } from 'node:net';
import { sleep } from './sleep';
import type { RunningProcess } from './start-process';

export interface WaitOptions {
  timeoutMs?: number;
  /** Fail at once, with its last output, if this process exits while we wait. */
  process?: RunningProcess;
}

async function waitUntil(what: string, check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (options.process?.hasExited()) {
      const exit = await options.process.exited;
      throw new Error(
        `${options.process.name} exited (code ${exit.code}, signal ${exit.signal}) before ${what}; its last output:\n${options.process.recentOutput()}`,
      );
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      const tail = options.process ? `; last output of ${options.process.name}:\n${options.process.recentOutput()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${tail}`);
    }
    await sleep(200);
  }
}

/** Polls until GET `url` answers `status` (200 by default). */
export function waitForHttp(url: string, options: WaitOptions & { status?: number } = {}): Promise<void> {
  const expected = options.status ?? 200;
  return waitUntil(
    `${url} to answer ${expected}`,
    async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.status === expected;
      } catch {
        return false;
      }
    },
    options,
  );
}

/** Polls until a TCP connection to host:port is accepted. */
export function waitForTcp(host: string, port: number, options: WaitOptions = {}): Promise<void> {
  return waitUntil(
    `${host}:${port} to accept connections`,
    () =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port });
        socket.setTimeout(2_000);
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => {
          socket.destroy();
          resolve(false);
        });
      }),
    options,
  );
}
