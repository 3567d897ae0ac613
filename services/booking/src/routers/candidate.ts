import { cancelInput, slotChoiceInput, tokenInput } from '@portal/shared/schemas';
import type { InterviewDocument } from '@portal/db/documents';
import { readInterviewers } from '@portal/db/interviewers';
import { DomainError } from '@portal/shared/errors';
import { closedRefusal } from '@portal/shared/rules';
import { interviewForCandidate } from '../candidate-access';
import { candidateView } from '../candidate-view';
import type { Context } from '../context';
import { listSlots } from '../slot-listing';
import { publicProcedure, router } from '../trpc';

/** Every candidate procedure starts from the link: rate-limited, verified, scoped to one interview. */
const candidateProcedure = publicProcedure.input(tokenInput).use(async ({ ctx, input, next }) => {
  const interview = await interviewForCandidate(ctx.deps, ctx.ip, input.token);
  return next({ ctx: { ...ctx, interview } });
});

/** A closed lifecycle has no workflow to ask; its persisted status answers for it. */
const changeProcedure = candidateProcedure.use(({ ctx, next }) => {
  const refusal = closedRefusal(ctx.interview.status);
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  return next();
});

async function viewOf(ctx: Context, interviewId: string, token: string) {
  const interview = await ctx.deps.db.interviews.findById(interviewId).lean();
  if (interview === null) throw new DomainError('NOT_FOUND', 'Interview not found.');
  return present(ctx, interview, token);
}

async function present(ctx: Context, interview: InterviewDocument, token: string) {
  const interviewers = await readInterviewers(ctx.deps.db, interview.interviewerIds);
  return candidateView(interview, interviewers, ctx.deps.env, token, Date.now());
}

export const candidateRouter = router({
  view: candidateProcedure.query(({ ctx, input }) => present(ctx, ctx.interview, input.token)),

  slots: candidateProcedure.query(({ ctx }) => listSlots(ctx.deps.db, ctx.deps.env, ctx.interview, new Date())),

  book: changeProcedure.input(slotChoiceInput).mutation(async ({ ctx, input }) => {
    await ctx.deps.lifecycle.book(ctx.interview._id, { start: new Date(input.start).toISOString(), timezone: input.timezone });
    return viewOf(ctx, ctx.interview._id, input.token);
  }),

  reschedule: changeProcedure.input(slotChoiceInput).mutation(async ({ ctx, input }) => {
    await ctx.deps.lifecycle.reschedule(ctx.interview._id, { start: new Date(input.start).toISOString(), timezone: input.timezone });
    return viewOf(ctx, ctx.interview._id, input.token);
  }),

  cancel: changeProcedure.input(cancelInput).mutation(async ({ ctx, input }) => {
    const reason = input.reason === '' ? undefined : input.reason;
    await ctx.deps.lifecycle.cancel(ctx.interview._id, { reason, actor: 'candidate' });
    return viewOf(ctx, ctx.interview._id, input.token);
  }),

  join: changeProcedure.mutation(({ ctx }) => ctx.deps.lifecycle.join(ctx.interview._id)),
});
