import { hrCancelInput, hrRescheduleInput, interviewIdInput, markAttendanceInput } from '@portal/shared/schemas';
import { DomainError } from '@portal/shared/errors';
import { noticeOf } from '../slots/notice-rules';
import { requireHrLoop } from '../loops/hr-loop-view';
import { moveLoopSession, timesToMove } from '../loops/session-move';
import { listSlots } from '../slots/slot-listing';
import { hrProcedure, router } from '../http/trpc';
import { closedLifecycle, find } from './hr-interview-guards';

/**
 * What HR does on a candidate's behalf: through the same workflow updates the candidate's page
 * uses, with the HR user as the actor and a reason on the timeline.
 */
export const hrActionsRouter = router({
  resendInvitation: hrProcedure.input(interviewIdInput).mutation(async ({ ctx, input }) => {
    await find(ctx.deps, input.interviewId);
    await ctx.deps.lifecycle.resendInvitation(input.interviewId, ctx.session.email).catch(closedLifecycle(ctx.deps, input.interviewId));
    return { ok: true as const };
  }),

  /** The candidate's current link, to copy into another channel; only while the interview can still be booked or changed. */
  candidateLink: hrProcedure.input(interviewIdInput).query(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    if (doc.status !== 'INVITED' && doc.status !== 'SCHEDULED') {
      throw new DomainError('ILLEGAL_TRANSITION', `The interview is ${doc.status}; its link no longer books or changes anything.`);
    }
    const link = await ctx.deps.lifecycle.candidateLink(input.interviewId).catch(closedLifecycle(ctx.deps, input.interviewId));
    if (link === null) throw new DomainError('NOT_FOUND', 'The link is not issued yet; try again in a moment.');
    return { link };
  }),

  cancel: hrProcedure.input(hrCancelInput).mutation(async ({ ctx, input }) => {
    await find(ctx.deps, input.interviewId);
    await ctx.deps.lifecycle
      .cancel(input.interviewId, { reason: input.reason, actor: ctx.session.email })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
    return { ok: true as const };
  }),

  /** Free times for moving a booked interview, as the candidate would see them; a loop's session only to times that keep the loop's rules. */
  slots: hrProcedure.input(interviewIdInput).query(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    if (!doc.loopId) return listSlots(ctx.deps.db, ctx.deps.env, doc, new Date());
    const { times } = await timesToMove(ctx.deps, await requireHrLoop(ctx.deps.db, doc.loopId), doc._id);
    const { horizonDays, minNoticeMinutes } = noticeOf(doc, ctx.deps.env);
    return { slots: times, horizonDays, minNoticeMinutes };
  }),

  reschedule: hrProcedure.input(hrRescheduleInput).mutation(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    // A loop's session moves within the loop's rules, as from the loop's page (docs/adr/0041).
    if (doc.loopId) {
      const found = await requireHrLoop(ctx.deps.db, doc.loopId);
      await moveLoopSession(ctx.deps, found, { sessionId: doc._id, start: input.start, actor: ctx.session.email, reason: input.reason });
      return { ok: true as const };
    }
    await ctx.deps.lifecycle
      .reschedule(input.interviewId, { start: new Date(input.start).toISOString(), actor: ctx.session.email, reason: input.reason })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
    return { ok: true as const };
  }),

  /** COMPLETED or NO_SHOW by hand, once the interview has started (the window is open or past). */
  markAttendance: hrProcedure.input(markAttendanceInput).mutation(async ({ ctx, input }) => {
    await find(ctx.deps, input.interviewId);
    await ctx.deps.lifecycle
      .markAttendance(input.interviewId, { attended: input.attended, actor: ctx.session.email })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
    return { ok: true as const };
  }),
});
