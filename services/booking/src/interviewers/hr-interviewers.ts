import { tellWaitingLifecycles } from '../availability/availability';
import { tellWaitlist } from '../waitlist/waitlist';
import { randomUUID } from 'node:crypto';
import { interviewerInput } from '@portal/shared/schemas';
import type { InterviewerDocument } from '@portal/db/documents';
import { conflictsOfEdit, tellLifecycles } from './panel-conflicts';
import { calendarSummaries, calendarSummary, calendarSummaryOf, type CalendarSummary } from '../calendars/calendar-status';
import { adminProcedure, hrProcedure, router } from '../http/trpc';

const DAY_MS = 24 * 3_600_000;

function present(doc: InterviewerDocument, calendar: CalendarSummary, bookedNext14Days = 0) {
  const { _id, updatedAt: _updatedAt, ...rest } = doc;
  return {
    ...rest,
    id: _id,
    bookedNext14Days,
    /** Their calendar: provider, whether reading it works, when it was last read. */
    calendar,
    timeOff: doc.timeOff.map((range) => ({ start: range.start.toISOString(), end: range.end.toISOString() })),
  };
}

export const hrInterviewersRouter = router({
  /** Every HR user reads this (inviting picks from it). Each interviewer with how many interviews they hold in the next 14 days (their held day claims), to see how load spreads. */
  list: hrProcedure.query(async ({ ctx }) => {
    const [docs, seats, calendars] = await Promise.all([
      ctx.deps.db.interviewers.find({}).sort({ name: 1 }).lean(),
      // The calendar ahead: day claims hold only bookings that can still collide (see busy-times.ts).
      ctx.deps.db.dayClaims.find({}, { interviewerId: 1, start: 1 }).lean(),
      calendarSummaries(ctx.deps.db),
    ]);
    const now = Date.now();
    const booked = new Map<string, number>();
    for (const seat of seats) {
      const at = seat.start.getTime();
      if (at >= now && at < now + 14 * DAY_MS) booked.set(seat.interviewerId, (booked.get(seat.interviewerId) ?? 0) + 1);
    }
    return docs.map((doc) => present(doc, calendars.get(doc._id) ?? calendarSummary(null, null), booked.get(doc._id) ?? 0));
  }),

  /** Admins only. Availability edits apply at once: slot listing reads interviewers on every request. */
  upsert: adminProcedure.input(interviewerInput).mutation(async ({ ctx, input }) => {
    const { id, ...fields } = input;
    const doc: InterviewerDocument = {
      ...fields,
      _id: id ?? randomUUID(),
      email: fields.email.toLowerCase(),
      weekly: fields.weekly.map((day) => ({ ...day, weekday: day.weekday as InterviewerDocument['weekly'][number]['weekday'] })),
      timeOff: fields.timeOff.map((range) => ({ start: new Date(range.start), end: new Date(range.end) })),
      updatedAt: new Date(),
    };
    const before = id === undefined ? null : await ctx.deps.db.interviewers.findById(id).lean();
    await ctx.deps.db.interviewers.replaceOne({ _id: doc._id }, doc, { upsert: true, timestamps: false });
    // Time off over a booked interview, or a deactivation: the lifecycles repair their panels (docs/adr/0032).
    await tellLifecycles(ctx.deps.lifecycle, await conflictsOfEdit(ctx.deps.db, before, doc));
    // New hours or an override may open time a waiting candidate asked for (docs/adr/0071).
    await Promise.all([tellWaitingLifecycles(ctx.deps, [doc._id]), tellWaitlist(ctx.deps, [doc._id])]);
    return present(doc, await calendarSummaryOf(ctx.deps.db, doc._id));
  }),
});
