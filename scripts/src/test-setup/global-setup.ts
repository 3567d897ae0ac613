import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from './provided-context';
import { startSharedPortals } from './shared-portals';
import { buildServiceBundles, removeServiceBundles } from './service-bundles';
import { startTestInfra } from './test-infra';
import { buildTestWorkflowBundle } from './workflow-bundle';

const log = (line: string) => console.log(`[test-infra] ${line}`);

/** Starts the shared infrastructure and builds the workflow bundle once per `vitest run`; stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const bundleDir = await mkdtemp(join(tmpdir(), 'portal-test-bundle-'));
  // Each portal's services start from bundles of this run's own (service-bundles.ts, docs/adr/0043);
  // PORTAL_TEST_FROM_SOURCES=1 starts them through tsx from their sources instead.
  const servicesTag = process.env.PORTAL_TEST_FROM_SOURCES === '1' ? undefined : `${process.pid}-${started}`;
  const [infra, workflowBundlePath] = await Promise.all([
    startTestInfra(log),
    buildTestWorkflowBundle(bundleDir).then((path) => {
      log(`workflow bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path}`);
      return path;
    }),
    servicesTag &&
      buildServiceBundles(servicesTag).then(() => {
        log(`service bundles built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        process.env.PORTAL_TEST_SERVICE_BUNDLES = servicesTag;
      }),
  ]);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: MONGO_URL=${infra.mongoUrl} TEMPORAL_ADDRESS=${infra.temporalAddress}`);

  // Started on a file's first request, not here: a run of files that share none starts none.
  const shared = await startSharedPortals({ ...infra, workflowBundlePath }, log);

  project.provide('MONGO_URL', infra.mongoUrl);
  project.provide('TEMPORAL_ADDRESS', infra.temporalAddress);
  project.provide('SINK_URL', infra.sinkUrl);
  project.provide('DAILY_API_BASE_URL', infra.dailyApiUrl);
  project.provide('ZOOM_STAND_IN_URL', infra.zoomOrigin);
  project.provide('GOOGLE_CALENDAR_API_URL', infra.google.apiUrl);
  project.provide('GOOGLE_OAUTH_TOKEN_URL', infra.google.tokenUrl);
  project.provide('GOOGLE_SERVICE_ACCOUNT_KEY', infra.google.serviceAccountKey);
  project.provide('MICROSOFT_STAND_IN', JSON.stringify(infra.microsoft));
  project.provide('WORKFLOW_BUNDLE_PATH', workflowBundlePath);
  project.provide('SHARED_PORTALS_URL', shared.url);
  // Also as environment, for code under test that reads its config from process.env (the
  // workflows service reads WORKFLOW_BUNDLE_PATH); test workers are forked after this and inherit it.
  process.env.MONGO_URL = infra.mongoUrl;
  process.env.TEMPORAL_ADDRESS = infra.temporalAddress;
  process.env.SINK_URL = infra.sinkUrl;
  process.env.DAILY_API_BASE_URL = infra.dailyApiUrl;
  process.env.WORKFLOW_BUNDLE_PATH = workflowBundlePath;

  return async () => {
    await shared.stop();
    await infra.stop();
    await rm(bundleDir, { recursive: true, force: true });
    if (servicesTag) await removeServiceBundles(servicesTag);
  };
}
