import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from '../stack/stack';
import { loadTestcontainers, startMongoContainer, startTemporalContainer } from './container-infra';
import { dockerEngineReachable } from './docker-engine';
import { FERRETDB_BACKENDS, type FerretBackendName } from '../stack/embedded-mongo';
import { startNativeMongo, startNativeTemporal } from './native-infra';
import { startTestSink } from './test-sink';

/** FERRETDB_BACKEND picks the embedded store for tests as for `start`: postgresql (default) or sqlite. */
function ferretBackend(): FerretBackendName {
  const value = process.env.FERRETDB_BACKEND ?? 'postgresql';
  if (!(FERRETDB_BACKENDS as readonly string[]).includes(value)) throw new Error(`FERRETDB_BACKEND must be one of ${FERRETDB_BACKENDS.join(', ')}, not ${value}`);
  return value as FerretBackendName;
}

export interface TestInfra {
  mongoUrl: string;
  temporalAddress: string;
  sinkUrl: string;
  stop(): Promise<void>;
}

/**
 * Explicit MONGO_URL / TEMPORAL_ADDRESS are used as given; whatever is missing comes from
 * containers when a Docker engine and testcontainers are there, else from native binaries.
 */
export async function startTestInfra(log: (line: string) => void, sinkOptions: { capacity?: number } = {}): Promise<TestInfra> {
  const stoppers: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne();
  };
  try {
    let mongoUrl = process.env.MONGO_URL;
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (mongoUrl) log(`MongoDB from MONGO_URL: ${mongoUrl}`);
    if (temporalAddress) log(`Temporal from TEMPORAL_ADDRESS: ${temporalAddress}`);

    if (!mongoUrl || !temporalAddress) {
      const tc = (await dockerEngineReachable()) ? await loadTestcontainers() : undefined;
      if (tc) {
        log('Docker engine found: starting containers with testcontainers');
        if (!mongoUrl) {
          const mongo = await startMongoContainer(tc);
          stoppers.push(mongo.stop);
          mongoUrl = mongo.url;
        }
        if (!temporalAddress) {
          const temporal = await startTemporalContainer(tc);
          stoppers.push(temporal.stop);
          temporalAddress = temporal.address;
        }
      } else {
        log(
          (await dockerEngineReachable())
            ? 'Docker engine found but testcontainers is not installed; using native binaries'
            : 'no Docker engine, using native binaries',
        );
        const dir = await mkdtemp(join(tmpdir(), 'portal-test-'));
        const stack = new Stack();
        stoppers.push(() => rm(dir, { recursive: true, force: true }), () => stack.stop());
        log(`native infrastructure logs in ${dir}`);
        const [mongo, temporal] = await Promise.all([
          mongoUrl ?? startNativeMongo(dir, stack, ferretBackend(), log),
          temporalAddress ?? startNativeTemporal(dir, stack),
        ]);
        mongoUrl = mongo;
        temporalAddress = temporal;
      }
    }

    const sink = await startTestSink(log, sinkOptions);
    if (sink) stoppers.push(sink.close);
    return { mongoUrl, temporalAddress, sinkUrl: sink?.url ?? '', stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
