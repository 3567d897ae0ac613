import { moveToDefaultTeam } from '@portal/db/teams';
import { createApp } from './app';
import { ensureFirstAdmin } from './auth/hr-users';
import { calendarKey } from '@portal/calendar/credentials';
import { bindCalendarPasswords } from './calendars/calendar-password-binding';
import { googleOrganisationFromEnv } from './calendars/organisation-google';
import { microsoftOrganisationFromEnv } from './calendars/organisation-microsoft';
import { createDeps } from './deps';
import { loadEnv } from './core/env';
import { seedKinds } from './kinds/kinds';
import { createLog } from './core/log';

const env = loadEnv();
const log = createLog(env.LOG_LEVEL);
const deps = await createDeps(env, log);
// Records stored before teams move to the default team (docs/adr/0076); a no-op once done.
await moveToDefaultTeam(deps.db).then(({ moved }) => moved > 0 && log.info({ moved }, 'records moved to the default team'));
await ensureFirstAdmin(deps.db, env.HR_ADMIN_EMAIL, env.HR_ADMIN_PASSWORD);
// The three kinds the portal always had, as data, with HR's earlier settings of them (docs/adr/0065).
await seedKinds(deps.db);
await bindCalendarPasswords(deps.db, calendarKey(env.CALENDAR_SECRET_KEY)).then(
  (bound) => bound > 0 && log.info({ bound }, 'calendar passwords sealed again, bound to their server'),
  (error: unknown) => log.warn({ err: error }, 'calendar passwords could not be sealed again; the next start tries again'),
);
await googleOrganisationFromEnv(deps).then(
  (result) => result !== 'none' && result !== 'kept' && log.info({ result }, 'organisation Google connection from GOOGLE_SERVICE_ACCOUNT_KEY'),
  (error: unknown) => log.warn({ err: error }, 'organisation Google connection from GOOGLE_SERVICE_ACCOUNT_KEY not stored; the next start tries again'),
);
await microsoftOrganisationFromEnv(deps).then(
  (result) => result !== 'none' && result !== 'kept' && log.info({ result }, 'organisation Microsoft 365 connection from MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET'),
  (error: unknown) => log.warn({ err: error }, 'organisation Microsoft 365 connection from the environment not stored; the next start tries again'),
);

const app = createApp(deps, log, async () => {
  try {
    await deps.db.ping();
    await deps.temporal.workflowService.getSystemInfo({});
    return null;
  } catch (error) {
    return `dependency not ready: ${String(error)}`;
  }
});
const server = app.listen(env.BOOKING_PORT, () => log.info({ port: env.BOOKING_PORT }, 'booking API listening'));
// An idle connection stays open longer than any client or proxy in front keeps one (nginx's upstream
// keepalive_timeout and load balancers' idle timeouts are 60 s): with Node's 5 s, a proxy or a
// client whose timers ran late sent its next request on a socket the server was closing, and got
// "other side closed" (a POST behind nginx would be a 502, never retried).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on('error', (error) => {
  log.fatal({ err: error }, `cannot listen on BOOKING_PORT ${env.BOOKING_PORT}`);
  process.exit(1);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'booking API stopping');
  server.close(() => {
    deps
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while closing clients');
        process.exit(1);
      });
  });
  server.closeAllConnections();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
