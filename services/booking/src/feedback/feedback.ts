import type { z } from 'zod';
import { isDuplicateKeyError } from '@portal/db';
import { scorecardId, type ScorecardDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { scorecardInput, tokenInput } from '@portal/shared/schemas';
import { EMPTY_KIT, kitAnswersProblems, type KitAnswers } from '@portal/shared/kits';
import type { Context } from '../http/context';
import { feedbackClaims, feedbackClosedReason, scorecardAccess, type ScorecardAccess } from './feedback-access';
import { interviewerView } from '../interviewers/interviewer-view';
import { publicProcedure, router } from '../http/trpc';

/**
 * Every scorecard procedure starts from the interviewer's link: its whole input checked first,
 * then verified and rate-limited by its jti before any read, scoped.
 */
function scorecardProcedure<T extends z.ZodType<{ token: string }, { token: string }>>(schema: T) {
  return publicProcedure.input(schema).use(async ({ ctx, input, next }) => {
    await ctx.deps.limiter.hit(`ip:${ctx.ip}`);
    const claims = feedbackClaims(ctx.deps.env.TOKEN_PUBLIC_KEY, input.token);
    await ctx.deps.limiter.hit(`feedback:${claims.jti}`);
    const access = await scorecardAccess(ctx.deps.db, claims);
    return next({ ctx: { ...ctx, access } });
  });
}

async function present(ctx: Context, { interview, interviewer }: ScorecardAccess) {
  const scorecard = await ctx.deps.db.scorecards.findById(scorecardId(interview._id, interviewer._id)).lean();
  const closed = feedbackClosedReason(interview);
  return {
    ...interviewerView(interview, interviewer),
    scorecard: scorecard && {
      rating: scorecard.rating,
      recommendation: scorecard.recommendation,
      notes: scorecard.notes,
      answers: scorecard.answers ?? {},
      submittedAt: scorecard.submittedAt.toISOString(),
      updatedAt: scorecard.updatedAt.toISOString(),
    },
    editable: closed === null,
    closedReason: closed,
    /** Why it is closed, for the page to say in the interview's language. */
    closedBecause: (closed === null ? null : interview.status !== 'COMPLETED' ? 'NOT_COMPLETED' : 'DECIDED') as 'NOT_COMPLETED' | 'DECIDED' | null,
  };
}

function assertOpen(access: ScorecardAccess): void {
  const closed = feedbackClosedReason(access.interview);
  if (closed !== null) throw new DomainError('FEEDBACK_CLOSED', closed);
}

/**
 * The answers checked against the kit the interview fixed at its invitation (issue 50): an unknown
 * question, an answer of the wrong type or off the scale, or a required question left unanswered is
 * refused, naming the question, before anything is written.
 */
function checkedAnswers(access: ScorecardAccess, answers: KitAnswers): KitAnswers {
  const [problem] = kitAnswersProblems(access.interview.kit ?? EMPTY_KIT, answers);
  if (problem) throw new DomainError('BAD_INPUT', problem.message, { field: `answers.${problem.questionId}` });
  return answers;
}

export const feedbackRouter = router({
  view: scorecardProcedure(tokenInput).query(({ ctx }) => present(ctx, ctx.access)),

  /** The first scorecard: an insert under (interview, interviewer), so of two at once one lands and the other is told. */
  submit: scorecardProcedure(scorecardInput).mutation(async ({ ctx, input }) => {
    assertOpen(ctx.access);
    const answers = checkedAnswers(ctx.access, input.answers);
    const { interview, interviewer } = ctx.access;
    const now = new Date();
    const doc: ScorecardDocument = {
      _id: scorecardId(interview._id, interviewer._id),
      interviewId: interview._id,
      interviewerId: interviewer._id,
      rating: input.rating as ScorecardDocument['rating'],
      recommendation: input.recommendation,
      notes: input.notes,
      answers,
      submittedAt: now,
      updatedAt: now,
    };
    try {
      await ctx.deps.db.scorecards.create(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw new DomainError('ALREADY_SUBMITTED', 'Your scorecard is in already; open it again to edit it.');
    }
    await ctx.deps.lifecycle.feedbackSubmitted(interview._id, { interviewerId: interviewer._id }).catch(() => undefined);
    return present(ctx, ctx.access);
  }),

  /** Editing an existing scorecard, until HR sets the outcome. */
  update: scorecardProcedure(scorecardInput).mutation(async ({ ctx, input }) => {
    assertOpen(ctx.access);
    const answers = checkedAnswers(ctx.access, input.answers);
    const { interview, interviewer } = ctx.access;
    const result = await ctx.deps.db.scorecards.updateOne(
      { _id: scorecardId(interview._id, interviewer._id) },
      { $set: { rating: input.rating, recommendation: input.recommendation, notes: input.notes, answers, updatedAt: new Date() } },
    );
    if (result.matchedCount === 0) throw new DomainError('NOT_FOUND', 'There is no scorecard to edit yet; submit one first.');
    return present(ctx, ctx.access);
  }),
});
