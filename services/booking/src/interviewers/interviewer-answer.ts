import { DomainError } from '@portal/shared/errors';
import { DEFAULT_LOCALE, isLocale } from '@portal/shared/i18n/locales';
import { interviewerAnswerInput, tokenInput } from '@portal/shared/schemas';
import { answerAccess, answerClaims, answerClosedReason, type AnswerAccess } from './answer-access';
import { interviewerView } from './interviewer-view';
import { publicProcedure, router } from '../http/trpc';
import { interviewerCalendarGrantInput } from '@portal/shared/calendar-grant-inputs';
import { INTERVIEWER_STARTED, ownGrantsOffered, startCalendarGrant } from '../calendars/calendar-grants';
import { calendarSummaryOf } from '../calendars/calendar-status';

function present({ interview, interviewer }: AnswerAccess) {
  const answer = interview.panelAnswers?.find((a) => a.interviewerId === interviewer._id);
  return {
    ...interviewerView(interview, interviewer),
    answer: answer ? { answer: answer.answer, reason: answer.reason, at: answer.at.toISOString() } : null,
    closedReason: answerClosedReason({ interview, interviewer }),
  };
}

/** Every answer procedure starts from the interviewer's link: verified, rate-limited by its jti, then scoped. */
const answerProcedure = <T extends typeof tokenInput>(schema: T) =>
  publicProcedure.input(schema).use(async ({ ctx, input, next }) => {
    await ctx.deps.limiter.hit(`ip:${ctx.ip}`);
    const claims = answerClaims(ctx.deps.env.TOKEN_PUBLIC_KEY, input.token);
    await ctx.deps.limiter.hit(`answer:${claims.jti}`);
    return next({ ctx: { ...ctx, access: await answerAccess(ctx.deps.db, claims) } });
  });

/**
 * An interviewer's Accept or Decline (docs/adr/0032). The lifecycle is told by a signal and writes
 * the answer itself (the interview's only writer); a decline there replaces the member. The page
 * reads back `pending` until the lifecycle has written it.
 */
export const interviewerAnswerRouter = router({
  view: answerProcedure(tokenInput).query(({ ctx }) => present(ctx.access)),

  /**
   * The interviewer's own calendar, as their link may change it (docs/adr/0061): its provider and
   * status, and which providers offer their own sign-in now (none once HR connected another one).
   */
  calendar: answerProcedure(tokenInput).query(async ({ ctx }) => {
    const [summary, offered] = await Promise.all([calendarSummaryOf(ctx.deps.db, ctx.access.interviewer._id), ownGrantsOffered(ctx.deps)]);
    const mayChange = summary.provider === 'none' || (await ctx.deps.db.calendarConnections.exists({ _id: ctx.access.interviewer._id, grant: 'own' })) !== null;
    return { provider: summary.provider, status: summary.status, offered: { google: mayChange && offered.google, microsoft: mayChange && offered.microsoft } };
  }),

  /** Starts the interviewer's own grant from their link; the page sends the browser to `url`. */
  connectCalendar: answerProcedure(interviewerCalendarGrantInput).mutation(({ ctx, input }) =>
    startCalendarGrant(ctx.deps, {
      interviewerId: ctx.access.interviewer._id,
      provider: input.provider,
      startedBy: INTERVIEWER_STARTED,
      locale: isLocale(ctx.access.interview.locale) ? ctx.access.interview.locale : DEFAULT_LOCALE,
    }),
  ),

  answer: answerProcedure(interviewerAnswerInput).mutation(async ({ ctx, input }) => {
    const closed = answerClosedReason(ctx.access);
    if (closed !== null) throw new DomainError('ILLEGAL_TRANSITION', closed);
    const { interview, interviewer } = ctx.access;
    await ctx.deps.lifecycle.panelNotice(interview._id, {
      kind: 'answer',
      interviewerId: interviewer._id,
      answer: input.answer === 'accept' ? 'accepted' : 'declined',
      ...(input.reason ? { reason: input.reason } : {}),
      via: 'link',
      at: new Date().toISOString(),
    });
    return { ...present(ctx.access), pending: true };
  }),
});
