import { calendarClient, CalendarProblem, type CalendarSummary } from '@portal/calendar/caldav';
import { calendarKey, openCalendarPassword, sealCalendarPassword } from '@portal/calendar/credentials';
import { calendarConnectInput, calendarOfInterviewerInput, calendarTestInput, type CalendarTestInput } from '@portal/shared/calendar-inputs';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';
import { calendarStatus } from './calendar-status';
import { syncCalendarsSoon } from './calendar-sync-trigger';
import { connectGoogleCalendar } from './connect-google';
import { connectMicrosoftCalendar } from './connect-microsoft';
import { ownGrantsOffered, startCalendarGrant } from './calendar-grants';
import { calendarGrantStartInput } from '@portal/shared/calendar-grant-inputs';
import { adminProcedure, hrProcedure, router } from '../http/trpc';

async function interviewerExists(deps: Deps, interviewerId: string): Promise<void> {
  if ((await deps.db.interviewers.exists({ _id: interviewerId })) === null) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
}

const originOf = (url: string) => new URL(url).origin;

/**
 * The typed password, or the stored one when HR only changes other fields. A stored password is
 * only ever sent to the origin (scheme, host, port) it was entered for: a server URL on another
 * origin needs it typed again, so changing the address cannot carry the secret elsewhere. Another
 * path on the same origin keeps it (the same server already has it).
 */
async function passwordFor(deps: Deps, input: CalendarTestInput): Promise<string> {
  if (input.password !== undefined) return input.password;
  const stored = await deps.db.calendarConnections.findById(input.interviewerId).lean();
  if (stored === null || stored.provider === 'google' || stored.provider === 'microsoft') throw new DomainError('BAD_INPUT', 'Enter the app password.', { field: 'password' });
  if (originOf(stored.serverUrl) !== originOf(input.serverUrl)) {
    throw new DomainError(
      'BAD_INPUT',
      `Enter the app password again: the stored one is only sent to ${originOf(stored.serverUrl)}, the server it was entered for, and the server address is now ${originOf(input.serverUrl)}.`,
      { field: 'password' },
    );
  }
  try {
    return openCalendarPassword(calendarKey(deps.env.CALENDAR_SECRET_KEY), stored.secret, { interviewerId: stored._id, serverUrl: stored.serverUrl }).password;
  } catch {
    throw new DomainError('BAD_INPUT', 'The stored app password cannot be read with this server key; enter it again.', { field: 'password' });
  }
}

/** Signs in and lists the account's calendars; a refusal is a typed CALENDAR_REFUSED naming what went wrong. */
async function listCalendars(deps: Deps, input: CalendarTestInput): Promise<CalendarSummary[]> {
  const password = await passwordFor(deps, input);
  try {
    return await calendarClient({ serverUrl: input.serverUrl, username: input.username, password, timeoutMs: deps.env.CALENDAR_TIMEOUT_MS }).listCalendars();
  } catch (error) {
    if (error instanceof CalendarProblem) throw new DomainError('CALENDAR_REFUSED', error.message, { calendarProblem: error.code });
    throw error;
  }
}

const syncSoon = (deps: Deps) => syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);

const sameOrigin = (a: string, b: string) => originOf(a) === originOf(b);

export const hrCalendarsRouter = router({
  /** Every HR user may read the status ("last synced … / failing since …"); the password never leaves. */
  status: hrProcedure.input(calendarOfInterviewerInput).query(async ({ ctx, input }) => {
    await interviewerExists(ctx.deps, input.interviewerId);
    const [status, ownGrants] = await Promise.all([calendarStatus(ctx.deps.db, input.interviewerId), ownGrantsOffered(ctx.deps)]);
    /** `ownGrants`: which providers offer the interviewer's own sign-in (the organisation grants nothing there; docs/adr/0061). */
    return { ...status, ownGrants };
  }),

  /**
   * Admins only: starts the interviewer's own grant (OAuth authorization code with PKCE, docs/adr/0061)
   * where the organisation grants nothing; the page sends the browser to `url`, and the provider
   * sends it back to the callback, which connects the calendar and returns to the interviewer's page.
   */
  startOwnGrant: adminProcedure.input(calendarGrantStartInput).mutation(({ ctx, input }) =>
    startCalendarGrant(ctx.deps, { interviewerId: input.interviewerId, provider: input.provider, startedBy: ctx.session.email }),
  ),

  /** Admins only: tries the account and lists its calendars, storing nothing. */
  test: adminProcedure.input(calendarTestInput).mutation(async ({ ctx, input }) => {
    await interviewerExists(ctx.deps, input.interviewerId);
    return { calendars: await listCalendars(ctx.deps, input) };
  }),

  /** Admins only: connects after signing in again and checking both calendars are in the account. */
  connect: adminProcedure.input(calendarConnectInput).mutation(async ({ ctx, input }) => {
    await interviewerExists(ctx.deps, input.interviewerId);
    // The password is only ever sent to the server HR named.
    if (!sameOrigin(input.readCalendarUrl, input.serverUrl) || !sameOrigin(input.writeCalendarUrl, input.serverUrl)) {
      throw new DomainError('BAD_INPUT', 'Both calendars must be on the server given.');
    }
    const password = await passwordFor(ctx.deps, input);
    const calendars = await listCalendars(ctx.deps, { ...input, password });
    for (const url of [input.readCalendarUrl, input.writeCalendarUrl]) {
      if (!calendars.some((c) => c.url === url)) throw new DomainError('BAD_INPUT', `No calendar at ${url} in this account.`);
    }
    const key = calendarKey(ctx.deps.env.CALENDAR_SECRET_KEY);
    await ctx.deps.db.calendarConnections.replaceOne(
      { _id: input.interviewerId },
      {
        _id: input.interviewerId,
        provider: 'caldav',
        serverUrl: input.serverUrl,
        username: input.username,
        secret: sealCalendarPassword(key, password, { interviewerId: input.interviewerId, serverUrl: input.serverUrl }),
        readCalendarUrl: input.readCalendarUrl,
        writeCalendarUrl: input.writeCalendarUrl,
        connectedBy: ctx.session.email,
        updatedAt: new Date(),
      },
      { upsert: true },
    );
    await syncSoon(ctx.deps);
    return calendarStatus(ctx.deps.db, input.interviewerId);
  }),

  /**
   * Admins only: the interviewer's Google calendar, through the organisation's connection (the
   * service account acts as their address). Nothing is asked of Google here: the sync, started at
   * once, reads it and the status says how that went.
   */
  connectGoogle: adminProcedure.input(calendarOfInterviewerInput).mutation(async ({ ctx, input }) => {
    await connectGoogleCalendar(ctx.deps, input.interviewerId, ctx.session.email);
    return calendarStatus(ctx.deps.db, input.interviewerId);
  }),

  /**
   * Admins only: the interviewer's Microsoft 365 calendar, through the organisation's app
   * registration (app-only, their mailbox by address). As for Google, the sync started at once
   * reads it and the status says how that went.
   */
  connectMicrosoft: adminProcedure.input(calendarOfInterviewerInput).mutation(async ({ ctx, input }) => {
    await connectMicrosoftCalendar(ctx.deps, input.interviewerId, ctx.session.email);
    return calendarStatus(ctx.deps.db, input.interviewerId);
  }),

  /** Admins only. Busy times stop counting at the next sync (started at once); events already written stay. */
  disconnect: adminProcedure.input(calendarOfInterviewerInput).mutation(async ({ ctx, input }) => {
    await interviewerExists(ctx.deps, input.interviewerId);
    await ctx.deps.db.calendarConnections.deleteOne({ _id: input.interviewerId });
    await syncSoon(ctx.deps);
    return calendarStatus(ctx.deps.db, input.interviewerId);
  }),
});
