/**
 * The test files that need no infrastructure (no FerretDB, Temporal server, sink, portal or
 * browser): the `fast` project, `pnpm test:fast`. Listed one by one on purpose: a file counts as
 * fast only once someone has read it and put it here; every other file runs in the `integration`
 * project with the infrastructure. A file listed here that asks for a test server fails. These
 * files share their workers' modules (`isolate: false`): one that fakes timers, mocks a module or
 * sets an environment variable puts it back in its own `afterEach`/`afterAll`.
 */
export const FAST_TEST_FILES = [
  'packages/calendar/src/busy-from-ical.test.ts',
  'packages/calendar/src/credentials.test.ts',
  'packages/db/src/interview-search.test.ts',
  'packages/shared/src/ics.test.ts',
  'packages/shared/src/itineraries.test.ts',
  'packages/shared/src/i18n/catalogue.test.ts',
  'services/notifications/src/templates/localized-email.test.ts',
  'packages/shared/src/payload-codec/aes-gcm-codec.test.ts',
  'packages/shared/src/rules.test.ts',
  'packages/shared/src/schemas.test.ts',
  'packages/shared/src/slots.test.ts',
  'packages/shared/src/status.test.ts',
  'packages/shared/src/webhook-address.test.ts',
  'packages/shared/src/working-days.test.ts',
  'scripts/src/stack/assert-port-free.test.ts',
  'scripts/src/test-setup/infra-path.test.ts',
  'services/booking/src/api-key-access.test.ts',
  'services/booking/src/audit-trail.test.ts',
  'services/booking/src/http-errors.test.ts',
  'services/booking/src/lifecycle-client.test.ts',
  'services/booking/src/list-page-number.test.ts',
  'services/booking/src/procedure-access.test.ts',
  'services/booking/src/rest/problem.test.ts',
  'services/booking/src/log.test.ts',
  'services/notifications/src/compose-email.test.ts',
  'services/notifications/src/env.test.ts',
  // The Postmark-compatible sink in this process, on a free port.
  'services/notifications/src/sink/sink.test.ts',
  'services/notifications/src/templates/render-email.test.ts',
  'services/workflows/src/activities/webhook-request.test.ts',
  'services/workflows/src/env.test.ts',
  'services/workflows/src/workflows/plan.test.ts',
  // Replays recorded histories in this process: no Temporal server.
  'services/workflows/src/workflows/replay.test.ts',
  'web/build/security-headers.test.ts',
  'web/src/candidate/calendar-links.test.ts',
  'web/src/candidate/month-grid.test.ts',
  'web/src/candidate/slot-days.test.ts',
  'web/src/hr/hr-time.test.ts',
  'web/src/hr/interviews/list-filters.test.ts',
  'web/src/hr/interviews/timeline-sentence.test.ts',
  'web/src/time/clock.test.ts',
  'web/src/time/date-time-local.test.ts',
  'web/src/time/zone-options.test.ts',
  'web/src/time/zoned-time.test.ts',
  'web/src/ui/field-errors.test.ts',
  'docs/links.test.ts',
  'packages/db/src/import-graph.test.ts',
  'packages/shared/src/notice.test.ts',
  'packages/shared/src/text.test.ts',
  'scripts/src/stack/gin-twins.test.ts',
  'scripts/src/start-config.test.ts',
  'services/booking/src/input-problems.test.ts',
  'services/booking/src/env.test.ts',
] as const;
