import { calendarKey } from '@portal/calendar/credentials';
import { parseServiceAccountKey, type GoogleServiceAccount } from '@portal/calendar/google-provider';
import { googleOrganisationInput, microsoftOrganisationInput } from '@portal/shared/calendar-inputs';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';
import { hrProcedure, router, sessionAdminProcedure } from '../http/trpc';
import { syncCalendarsSoon } from './calendar-sync-trigger';
import { checkGoogleDelegation, openGoogleOrganisation, readGoogleOrganisation, saveGoogleOrganisation } from './organisation-google';
import { checkMicrosoftApp, openMicrosoftOrganisation, readMicrosoftOrganisation, saveMicrosoftOrganisation } from './organisation-microsoft';

/** What HR sees of the organisation-wide connections: whose account, set where and by whom. Never the key. */
async function organisationStatus(deps: Deps) {
  const [google, onGoogle, microsoft, onMicrosoft] = await Promise.all([
    readGoogleOrganisation(deps.db),
    // One small document per interviewer: the collection grows with the team, not with interviews.
    deps.db.calendarConnections.countDocuments({ provider: 'google' }),
    readMicrosoftOrganisation(deps.db),
    deps.db.calendarConnections.countDocuments({ provider: 'microsoft' }),
  ]);
  const key = calendarKey(deps.env.CALENDAR_SECRET_KEY);
  const opens = openGoogleOrganisation(key, google) !== null;
  return {
    google:
      google === null
        ? null
        : { account: google.account, source: google.source, connectedBy: google.connectedBy, connectedAt: google.updatedAt.toISOString(), keyOpens: opens, interviewers: onGoogle },
    microsoft:
      microsoft === null
        ? null
        : {
            tenantId: microsoft.tenantId ?? '',
            clientId: microsoft.account,
            source: microsoft.source,
            connectedBy: microsoft.connectedBy,
            connectedAt: microsoft.updatedAt.toISOString(),
            secretOpens: openMicrosoftOrganisation(key, microsoft) !== null,
            interviewers: onMicrosoft,
          },
  };
}

const SET_BY_ENVIRONMENT = {
  google: 'The Google connection is set by GOOGLE_SERVICE_ACCOUNT_KEY on the server; change or remove it there.',
  microsoft: 'The Microsoft 365 connection is set by MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET on the server; change or remove them there.',
};

/** A connection the environment wrote is the environment's: booking writes it again at every start, so the console leaves it alone. */
function refuseWhenFromEnvironment(provider: keyof typeof SET_BY_ENVIRONMENT, source: 'env' | 'console' | undefined): void {
  if (source === 'env') throw new DomainError('BAD_INPUT', SET_BY_ENVIRONMENT[provider]);
}

function serviceAccountOf(text: string): GoogleServiceAccount {
  try {
    return parseServiceAccountKey(text);
  } catch (error) {
    throw new DomainError('BAD_INPUT', error instanceof Error ? error.message : 'Not a service account key.', { field: 'serviceAccountKey' });
  }
}

export const hrOrganisationCalendarsRouter = router({
  /** Every HR user sees whether the organisation has a Google connection; the key never leaves. */
  status: hrProcedure.query(({ ctx }) => organisationStatus(ctx.deps)),

  /**
   * Admins signed in to the console (never an API key): the organisation's Google service account (domain-wide delegation). Checked by
   * acting as `checkEmail` before anything is stored; the private key is sealed.
   */
  connectGoogle: sessionAdminProcedure.input(googleOrganisationInput).mutation(async ({ ctx, input }) => {
    refuseWhenFromEnvironment('google', (await readGoogleOrganisation(ctx.deps.db))?.source);
    const account = serviceAccountOf(input.serviceAccountKey);
    await checkGoogleDelegation(ctx.deps, account, input.checkEmail.toLowerCase());
    await saveGoogleOrganisation(ctx.deps.db, calendarKey(ctx.deps.env.CALENDAR_SECRET_KEY), account, 'console', ctx.session.email);
    await syncCalendarsSoon(ctx.deps.temporal, ctx.deps.env.LIFECYCLE_TASK_QUEUE);
    return organisationStatus(ctx.deps);
  }),

  /** Admins only. Interviewers connected through it show failing (no organisation connection) until it is set again or they are moved. */
  disconnectGoogle: sessionAdminProcedure.mutation(async ({ ctx }) => {
    refuseWhenFromEnvironment('google', (await readGoogleOrganisation(ctx.deps.db))?.source);
    await ctx.deps.db.organisationCalendars.deleteOne({ _id: 'google' });
    await syncCalendarsSoon(ctx.deps.temporal, ctx.deps.env.LIFECYCLE_TASK_QUEUE);
    return organisationStatus(ctx.deps);
  }),

  /**
   * Admins signed in to the console (never an API key): the organisation's Entra ID app registration
   * (app-only, `Calendars.ReadWrite`). Checked by a getSchedule about `checkEmail` before anything is
   * stored; the client secret is sealed, bound to tenant and app.
   */
  connectMicrosoft: sessionAdminProcedure.input(microsoftOrganisationInput).mutation(async ({ ctx, input }) => {
    const stored = await readMicrosoftOrganisation(ctx.deps.db);
    refuseWhenFromEnvironment('microsoft', stored?.source);
    const app = { tenantId: input.tenantId, clientId: input.clientId, clientSecret: input.clientSecret };
    await checkMicrosoftApp(ctx.deps, app, input.checkEmail.toLowerCase());
    const key = calendarKey(ctx.deps.env.CALENDAR_SECRET_KEY);
    const before = openMicrosoftOrganisation(key, stored);
    await saveMicrosoftOrganisation(ctx.deps.db, key, app, 'console', ctx.session.email);
    if (before !== null) ctx.deps.microsoft.forget(before);
    await syncCalendarsSoon(ctx.deps.temporal, ctx.deps.env.LIFECYCLE_TASK_QUEUE);
    return organisationStatus(ctx.deps);
  }),

  /** Admins only. Interviewers connected through it show failing (no organisation connection) until it is set again or they are moved. */
  disconnectMicrosoft: sessionAdminProcedure.mutation(async ({ ctx }) => {
    const stored = await readMicrosoftOrganisation(ctx.deps.db);
    refuseWhenFromEnvironment('microsoft', stored?.source);
    await ctx.deps.db.organisationCalendars.deleteOne({ _id: 'microsoft' });
    const before = openMicrosoftOrganisation(calendarKey(ctx.deps.env.CALENDAR_SECRET_KEY), stored);
    if (before !== null) ctx.deps.microsoft.forget(before);
    await syncCalendarsSoon(ctx.deps.temporal, ctx.deps.env.LIFECYCLE_TASK_QUEUE);
    return organisationStatus(ctx.deps);
  }),
});
