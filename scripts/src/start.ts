import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { startDemoCalendar } from './demo-calendar';
import { startDemoGoogleCalendar } from './demo-google-calendar';
import { startDemoMicrosoftGraph } from './demo-microsoft-graph';
import { startDailyStandIn } from './stack/daily-stand-in';
import { startZoomStandIn } from './stack/zoom-stand-in';
import { DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';
import { dataDir, repoRoot } from './paths';
import { commonEnv, portalServices } from './portal-services';
import { seedDemo } from './seed-demo';
import { assertPortFree } from './stack/assert-port-free';
import { Stack } from './stack/stack';
import { startEmbeddedMongo } from './stack/embedded-mongo';
import { refuseUnmigratedSqliteData } from './sqlite-data';
import { startProcess } from './stack/start-process';
import { startTemporal } from './stack/start-temporal';
import { waitForHttp } from './stack/wait-for';
import { loadStackConfig, stackPorts, type StackConfig } from './start-config';
import { MissingToolError, ensureTools, findTool } from './tools';
import { startProductionInfra } from './production-topology';

const t0 = Date.now();
const say = (line: string) => console.log(`[devstack] ${line}`);

async function main(stack: Stack): Promise<void> {
  const config = loadStackConfig();
  for (const { port, purpose, envVar } of stackPorts(config)) {
    if (envVar === 'POSTGRES_PORT' && config.FERRETDB_BACKEND === 'sqlite') continue;
    await assertPortFree(port, purpose, envVar);
  }
  refuseUnmigratedSqliteData(config.FERRETDB_BACKEND);
  const tools = await ensureTools(say);
  await mkdir(dataDir, { recursive: true });
  const logFile = join(dataDir, 'stack.log');
  const output: Writable = config.STACK_LOGS === 'stdout' ? process.stdout : createWriteStream(logFile, { flags: 'a' });
  if (config.STACK_LOGS === 'file') say(`process output goes to ${logFile} (STACK_LOGS=stdout to see it here)`);

  const infra = config.PORTAL_TOPOLOGY === 'production' ? await startProductionInfra(config, tools, output, stack, say) : await startDevInfra(config, tools, output, stack);
  const { demoCalendar } = infra;

  const env = { ...process.env, ...commonEnv(config) };
  const sinkUrl = `http://127.0.0.1:${config.SINK_PORT}`;
  const sink = stack.add(
    startProcess({
      name: 'sink',
      command: join(repoRoot, 'node_modules', '.bin', 'tsx'),
      args: ['services/notifications/src/sink/main.ts'],
      cwd: repoRoot,
      env: {
        ...env,
        SINK_PORT: String(config.SINK_PORT),
        // Replies sent through the sink's /sms/inbound reach the (first) notifications service, as Twilio's would.
        SINK_SMS_INBOUND_URL: `http://127.0.0.1:${config.NOTIFICATIONS_PORT}/webhooks/twilio/inbound`,
      },
      output,
    }),
  );
  await waitForHttp(`${sinkUrl}/healthz`, { process: sink, timeoutMs: 60_000 });
  // In this process: it holds nothing worth keeping, and goes when the stack does.
  const daily = await startDailyStandIn({ port: config.DAILY_STAND_IN_PORT });
  const zoom = await startZoomStandIn({ port: config.ZOOM_STAND_IN_PORT, clients: { [DEV_ZOOM_APP.clientId]: DEV_ZOOM_APP.clientSecret } });
  const google = await startDemoGoogleCalendar(config.GOOGLE_STAND_IN_PORT, config.BOOKING_PORT);
  const microsoft = await startDemoMicrosoftGraph(config.MICROSOFT_STAND_IN_PORT, config.BOOKING_PORT);

  const { services, skipped } = portalServices(config, { booking: { ...google.booking, ...microsoft.booking }, workflows: { ...google.workflows, ...microsoft.workflows } });
  for (const reason of skipped) say(`skipping ${reason}`);
  say(`starting ${services.map((s) => s.name).join(', ')}…`);
  const started = services.map((service) => ({
    service,
    process: stack.add(startProcess({ ...service, env: { ...env, ...service.env }, output })),
  }));
  // Started in order, awaited together: the workers bundle their code at start, which takes a while.
  await Promise.all(started.map(({ service, process }) => waitForHttp(service.readyUrl, { process, timeoutMs: 180_000 })));

  // The demo link on the web app's own port (WEB_PORT moved, it is not the default's).
  const seed = await seedDemo({ ...env, PUBLIC_WEB_URL: `http://localhost:${config.WEB_PORT}`, ...demoCalendar, ...google.booking, ...microsoft.booking }, output);
  if (seed.skipped) say(`no demo data: ${seed.skipped}`);

  await writePortalReady(config, infra, sinkUrl, services.map((service) => service.name));

  const upSeconds = (Date.now() - t0) / 1000;
  const sinceScript = config.STACK_T0_MS ? ` (${((Date.now() - config.STACK_T0_MS) / 1000).toFixed(1)} s including setup)` : '';
  const lines = [
    '',
    `The portal is up in ${upSeconds.toFixed(1)} s${sinceScript}.`,
    `  Candidate demo link  ${seed.demoLink ?? '(no seed yet)'}`,
    `  HR console           http://localhost:${config.WEB_PORT}/hr`,
    ...bookingApis(config),
    `  Temporal UI          ${infra.temporalUiUrl.replace('127.0.0.1', 'localhost')}`,
    ...(config.PORTAL_TOPOLOGY === 'production' ? [`  Temporal frontends   ${infra.temporalFrontends.join(', ')} (behind nginx at 127.0.0.1:${config.TEMPORAL_PORT})`] : []),
    `  Email outbox         http://localhost:${config.SINK_PORT}/`,
    `  Daily stand-in       ${daily.apiUrl} (rooms of kinds held on Daily)`,
    `  Zoom stand-in        ${zoom.apiUrl} (meetings of kinds held on Zoom)`,
    `  Google Calendar stand-in ${google.standIn.rootUrl} (the organisation's Google connection; Alan Turing's calendar; Bearer stand-in-admin)`,
    `  Microsoft Graph stand-in ${microsoft.standIn.secureOrigin} (plain HTTP at ${microsoft.standIn.origin}; the organisation's Microsoft 365 connection; Katherine Johnson's mailbox; Bearer stand-in-admin)`,
    `  Demo calendar        ${demoCalendar.DEMO_CALDAV_URL} (user ${demoCalendar.DEMO_CALDAV_USER}, connected to Grace Hopper)`,
    `  Data                 ${dataDir} (kept between runs)`,
    '',
    'Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

/** FerretDB (on PostgreSQL or SQLite), the Temporal dev server with its UI, and Radicale. */
async function startDevInfra(config: StackConfig, tools: { temporal: string; ferretdb: string }, output: Writable, stack: Stack) {
  say('starting FerretDB, the Temporal dev server and Radicale…');
  const [, temporal, demoCalendar] = await Promise.all([
    startEmbeddedMongo({
      ferretdbBin: tools.ferretdb,
      backend: config.FERRETDB_BACKEND,
      dir: dataDir,
      ferretPort: config.MONGO_PORT,
      postgresPort: config.POSTGRES_PORT,
      durable: true,
      output,
      stack,
      log: say,
    }),
    startTemporal({
      bin: tools.temporal,
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      // Through the web app's origin, where HR's session cookie lives; booking answers signed-in HR only.
      codecEndpoint: `http://localhost:${config.WEB_PORT}/codec`,
      dbFile: join(dataDir, 'temporal.db'),
      output,
      stack,
    }),
    startDemoCalendar(config.RADICALE_PORT, stack, output),
  ]);
  return { demoCalendar, temporalUiUrl: temporal.uiUrl ?? '', temporalFrontends: [temporal.address] };
}

/**
 * `portal-ready.json` in the data folder: where tests and scripts find the running portal
 * (booking and web as browsers reach them, the sink, Temporal's address, CLI and each frontend,
 * and every instance by name).
 */
async function writePortalReady(config: StackConfig, infra: { temporalUiUrl: string; temporalFrontends: string[] }, sinkUrl: string, instances: string[]): Promise<void> {
  const web = `http://localhost:${config.WEB_PORT}`;
  const ready = {
    topology: config.PORTAL_TOPOLOGY,
    booking: config.PORTAL_TOPOLOGY === 'production' ? web : `http://localhost:${config.BOOKING_PORT}`,
    web,
    sink: sinkUrl,
    temporalAddress: `127.0.0.1:${config.TEMPORAL_PORT}`,
    temporalCli: findTool('temporal'),
    temporalFrontends: infra.temporalFrontends,
    temporalUi: infra.temporalUiUrl,
    mongoUrl: commonEnv(config).MONGO_URL,
    instances,
  };
  await writeFile(join(dataDir, 'portal-ready.json'), `${JSON.stringify(ready, null, 2)}\n`);
}

/** With several instances, each booking API's own address; the web app forwards to the first. */
function bookingApis(config: StackConfig): string[] {
  if (config.PORTAL_INSTANCES === 1) return [];
  const urls = Array.from({ length: config.PORTAL_INSTANCES }, (_, k) => `http://localhost:${config.BOOKING_PORT + k}`);
  return [
    config.PORTAL_TOPOLOGY === 'production'
      ? `  Booking APIs         ${urls.join(', ')} (nginx spreads calls over them at http://localhost:${config.WEB_PORT}; rate limits in the database)`
      : `  Booking APIs         ${urls.join(', ')} (the web app uses the first; rate limits in the database)`,
    `  Workers              ${config.PORTAL_INSTANCES} workflows, ${config.PORTAL_INSTANCES} notifications`,
  ];
}

const stack = new Stack({
  log: say,
  onUnexpectedExit: (child) => {
    say(`${child.name} exited unexpectedly; its last output:\n${child.recentOutput()}`);
    void stack.stop().then(() => process.exit(1));
  },
});
stack.stopOnSignals();

main(stack).catch(async (error: unknown) => {
  if (stack.isStopping()) return; // a signal or a crashed process is already shutting down
  console.error(error instanceof MissingToolError || error instanceof Error ? `\n${error.message}` : error);
  await stack.stop();
  process.exit(1);
});
