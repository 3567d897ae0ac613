import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from '../stack/stack';
import { FERRETDB_BACKENDS, type FerretBackendName } from '../stack/embedded-mongo';
import { ContainerRun, startMongoContainers, startTemporalContainer } from './container-infra';
import { imageSource } from './containers/images';
import { sweepContainers } from './containers/sweep';
import { dockerEngineReachable } from './docker-engine';
import { chooseInfraPath } from './infra-path';
import { startNativeMongo, startNativeTemporal } from './native-infra';
import { startTestSink } from './test-sink';
import { startDailyStandIn } from '../stack/daily-stand-in';
import { startZoomStandIn } from '../stack/zoom-stand-in';
import { DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';
import { standInServiceAccount, startGoogleCalendarStandIn } from '../stack/google-calendar/google-calendar-stand-in';
import { standInMicrosoftApp, startMicrosoftGraphStandIn, type MicrosoftStandInPlace } from '../stack/microsoft-graph/microsoft-graph-stand-in';

type Log = (line: string) => void;

/** FERRETDB_BACKEND picks the store for tests as for `start`: postgresql (default) or sqlite. */
function ferretBackend(): FerretBackendName {
  const value = process.env.FERRETDB_BACKEND ?? 'postgresql';
  if (!(FERRETDB_BACKENDS as readonly string[]).includes(value)) throw new Error(`FERRETDB_BACKEND must be one of ${FERRETDB_BACKENDS.join(', ')}, not ${value}`);
  return value as FerretBackendName;
}

export interface TestInfra {
  mongoUrl: string;
  temporalAddress: string;
  sinkUrl: string;
  /** The Daily stand-in's API base (DAILY_API_BASE_URL); each test file uses a key of its own. */
  dailyApiUrl: string;
  /** The Zoom stand-in's origin (its /oauth/token and /v2); each test file is a Zoom account of its own there. */
  zoomOrigin: string;
  /** The Google Calendar stand-in and the organisation's service account there (delegated for example.test). */
  google: GoogleStandInPlace;
  /** The Microsoft Graph stand-in and the organisation's app registration there (consented for example.test). */
  microsoft: MicrosoftStandInPlace;
  stop(): Promise<void>;
}

/** Where portals under test find Google Calendar: the run's stand-in, and the key file of a service account it knows. */
export interface GoogleStandInPlace {
  /** GOOGLE_CALENDAR_API_URL: the API's root, `http://host:port/`. */
  apiUrl: string;
  /** GOOGLE_OAUTH_TOKEN_URL. */
  tokenUrl: string;
  /** GOOGLE_SERVICE_ACCOUNT_KEY: the key file's JSON text. */
  serviceAccountKey: string;
}

type Stopper = () => Promise<unknown>;
interface Servers {
  mongoUrl: string | undefined;
  temporalAddress: string | undefined;
}

async function startContainers(wanted: Servers, stoppers: Stopper[], log: Log): Promise<Servers> {
  // testcontainers' reaper image cannot be pulled here: the teardown and the sweep clean up instead.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  // Ports are published on 127.0.0.1 only; "localhost" may resolve to ::1 first.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  const swept = await sweepContainers('orphans');
  if (swept > 0) log(`removed ${swept} container(s) left by an earlier run that did not finish`);
  const run = new ContainerRun(imageSource(), log);
  // Reverse order on stop: the run's own containers and network first, then whatever a failure left.
  stoppers.push(() => sweepContainers('mine'), () => run.stop());
  const [mongoUrl, temporalAddress] = await Promise.all([
    wanted.mongoUrl ?? startMongoContainers(run, ferretBackend()),
    wanted.temporalAddress ?? startTemporalContainer(run),
  ]);
  return { mongoUrl, temporalAddress };
}

async function startNative(wanted: Servers, stoppers: Stopper[], log: Log): Promise<Servers> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-test-'));
  const stack = new Stack();
  stoppers.push(() => rm(dir, { recursive: true, force: true }), () => stack.stop());
  log(`native infrastructure logs in ${dir}`);
  const [mongoUrl, temporalAddress] = await Promise.all([
    wanted.mongoUrl ?? startNativeMongo(dir, stack, ferretBackend(), log),
    wanted.temporalAddress ?? startNativeTemporal(dir, stack),
  ]);
  return { mongoUrl, temporalAddress };
}

/**
 * Explicit MONGO_URL / TEMPORAL_ADDRESS are used as given; whatever is missing comes from
 * containers (testcontainers) when a Docker engine answers, else from native binaries;
 * TEST_INFRA=docker|native forces one path. The log names the path taken and why.
 */
export async function startTestInfra(log: Log, sinkOptions: { capacity?: number } = {}): Promise<TestInfra> {
  const stoppers: Stopper[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) await stopOne();
  };
  try {
    let servers: Servers = { mongoUrl: process.env.MONGO_URL, temporalAddress: process.env.TEMPORAL_ADDRESS };
    if (servers.mongoUrl) log(`MongoDB from MONGO_URL: ${servers.mongoUrl}`);
    if (servers.temporalAddress) log(`Temporal from TEMPORAL_ADDRESS: ${servers.temporalAddress}`);
    if (!servers.mongoUrl || !servers.temporalAddress) {
      const choice = chooseInfraPath(process.env.TEST_INFRA, await dockerEngineReachable());
      log(
        choice.path === 'docker'
          ? `path: docker, containers through testcontainers (${imageSource()} images), because ${choice.reason}`
          : `path: native binaries, because ${choice.reason}`,
      );
      servers = await (choice.path === 'docker' ? startContainers : startNative)(servers, stoppers, log);
    }
    const sink = await startTestSink(log, sinkOptions);
    if (sink) stoppers.push(sink.close);
    const daily = await startDailyStandIn({ port: 0 });
    stoppers.push(daily.close);
    log(`Daily stand-in at ${daily.apiUrl}`);
    const zoom = await startZoomStandIn({ port: 0, clients: { [DEV_ZOOM_APP.clientId]: DEV_ZOOM_APP.clientSecret } });
    stoppers.push(zoom.close);
    log(`Zoom stand-in at ${zoom.origin}`);
    const googleStandIn = await startGoogleCalendarStandIn({ port: 0 });
    stoppers.push(googleStandIn.close);
    const google = { apiUrl: googleStandIn.rootUrl, tokenUrl: googleStandIn.tokenUrl, serviceAccountKey: await standInServiceAccount(googleStandIn) };
    log(`Google Calendar stand-in at ${googleStandIn.rootUrl}`);
    const graphStandIn = await startMicrosoftGraphStandIn({ port: 0 });
    stoppers.push(graphStandIn.close);
    const microsoft = await standInMicrosoftApp(graphStandIn);
    log(`Microsoft Graph stand-in at ${graphStandIn.secureOrigin} (plain HTTP)`);
    return { mongoUrl: servers.mongoUrl ?? '', temporalAddress: servers.temporalAddress ?? '', sinkUrl: sink?.url ?? '', dailyApiUrl: daily.apiUrl, zoomOrigin: zoom.origin, google, microsoft, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
