import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { pino, type Logger } from 'pino';
import { testDatabaseUrl, testTemporalAddress } from '@portal/devstack/testing';
import { createApp } from '../src/app';
import type { Deps } from '../src/http/context';
import { createDeps } from '../src/deps';
import { loadEnv, type BookingEnv } from '../src/core/env';

export interface BookingUnderTest {
  url: string;
  env: BookingEnv;
  deps: Deps;
  close(): Promise<void>;
}

/** The booking API alone, in this process, on a free port, with the test run's database and Temporal. */
export interface BookingOptions {
  /** Where the service logs (silent when left out). */
  log?: Logger;
  /** The dependencies the app is served with, from the real ones (a fault injected into one, say). */
  deps?: (deps: Deps) => Deps;
}

export async function startBooking(
  file: string,
  overrides: Record<string, string> = {},
  adjust: (env: BookingEnv) => BookingEnv = (env) => env,
  options: BookingOptions = {},
): Promise<BookingUnderTest> {
  const env = adjust(loadEnv({ NODE_ENV: 'test', MONGO_URL: testDatabaseUrl(file), TEMPORAL_ADDRESS: testTemporalAddress(), ...overrides }));
  const deps = await createDeps(env, options.log);
  const served = (options.deps ?? ((d) => d))({ ...deps, env });
  const server = createApp(served, options.log ?? pino({ level: 'silent' }), () => Promise.resolve(null)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    env,
    deps: served,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await deps.close();
    },
  };
}
