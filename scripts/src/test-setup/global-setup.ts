import type { TestProject } from 'vitest/node';
import type {} from './provided-context';
import { startTestInfra } from './test-infra';

const log = (line: string) => console.log(`[test-infra] ${line}`);

/** Starts the shared infrastructure once per `vitest run` and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const infra = await startTestInfra(log);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: MONGO_URL=${infra.mongoUrl} TEMPORAL_ADDRESS=${infra.temporalAddress}`);

  project.provide('MONGO_URL', infra.mongoUrl);
  project.provide('TEMPORAL_ADDRESS', infra.temporalAddress);
  project.provide('SINK_URL', infra.sinkUrl);
  // Also as environment, for code under test that reads its config from process.env;
  // test workers are forked after this and inherit it.
  process.env.MONGO_URL = infra.mongoUrl;
  process.env.TEMPORAL_ADDRESS = infra.temporalAddress;
  process.env.SINK_URL = infra.sinkUrl;

  return () => infra.stop();
}
