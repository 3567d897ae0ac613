import { calendarKey } from '@portal/calendar/credentials';
import { createMicrosoftUserClients } from '@portal/calendar/microsoft-user-clients';
import { calendarGrantClients, microsoftEndpoints } from '@portal/shared/env';
import { candidateRecords, eraseCandidate, type ErasureDeps } from '@portal/privacy/erasure';
import { exportCandidate } from '@portal/privacy/export';
import { retentionScheduleId } from '@portal/shared/schedule-ids';
import { readRetentionPolicy, retentionReport, saveRetentionPolicy } from '@portal/privacy/retention';
import { parsePayloadKeys } from '@portal/shared/payload-codec';
import { eraseCandidateInput, exportCandidateInput, retentionPolicyInput } from '@portal/shared/privacy-inputs';
import type { Deps } from '../http/context';
import { adminProcedure, router, ownerProcedure } from '../http/trpc';

function erasureDeps(deps: Deps): ErasureDeps {
  return {
    db: deps.db,
    temporal: deps.temporal,
    masterKeys: parsePayloadKeys(deps.env.PAYLOAD_KEYS),
    keyring: deps.keyring,
    calendar: {
      key: calendarKey(deps.env.CALENDAR_SECRET_KEY),
      timeoutMs: deps.env.CALENDAR_TIMEOUT_MS,
      google: deps.google,
      microsoft: deps.microsoft,
      // Erasure is rare: Graph clients for interviewers' own grants are made for it, not kept.
      ownGrants: { clients: calendarGrantClients(deps.env), microsoft: createMicrosoftUserClients({ ...microsoftEndpoints(deps.env), timeoutMs: deps.env.CALENDAR_TIMEOUT_MS }) },
    },
    mailProvider: deps.env.POSTMARK_ACCOUNT_TOKEN ? { apiUrl: deps.env.POSTMARK_API_URL, accountToken: deps.env.POSTMARK_ACCOUNT_TOKEN } : undefined,
  };
}

/** A candidate's data lifetime (docs/adr/0030): admins only, like every other act on all of a person's data. */
export const hrPrivacyRouter = router({
  /** Erases everything the portal holds about the candidate; a second call answers NOTHING_HELD and changes nothing. */
  erase: adminProcedure.input(eraseCandidateInput).mutation(async ({ ctx, input }) => {
    const deps = erasureDeps(ctx.deps);
    const records = await candidateRecords(deps.db, deps.masterKeys, input.email);
    // Logged as it is kept: the `erasures` row names who, when and which interviews, never the person.
    return eraseCandidate(deps, records, { actor: ctx.session.email, notify: input.notify, trigger: 'request' });
  }),

  /** The subject access request's document. */
  export: adminProcedure.input(exportCandidateInput).query(async ({ ctx, input }) => {
    const records = await candidateRecords(ctx.deps.db, parsePayloadKeys(ctx.deps.env.PAYLOAD_KEYS), input.email);
    return exportCandidate(ctx.deps.db, records);
  }),

  retention: adminProcedure.query(({ ctx }) => readRetentionPolicy(ctx.deps.db)),

  /** The retention period is the deployment's, over every team's candidates: its owner's to set (docs/adr/0076). */
  setRetention: ownerProcedure.input(retentionPolicyInput).mutation(({ ctx, input }) => saveRetentionPolicy(ctx.deps.db, input.personalDataDays, ctx.session.email)),

  /** The dry run: what the next retention run would erase, from the selection that run uses, as of that run's time. */
  retentionReport: adminProcedure.query(async ({ ctx }) => {
    const schedule = ctx.deps.temporal.schedule.getHandle(retentionScheduleId(ctx.deps.env.LIFECYCLE_TASK_QUEUE));
    const nextRun = await schedule.describe().then(
      (description) => description.info.nextActionTimes[0],
      () => undefined,
    );
    return retentionReport(ctx.deps.db, nextRun ?? new Date());
  }),
});
