import { hrLoopCancelInput, hrSessionMoveInput, hrSessionTimesInput, loopIdInput, loopInviteInput, loopTemplateInput, templateIdInput } from '@portal/shared/loop-inputs';
import { loopWorkflowId } from '@portal/shared/loops';
import { interviewIdInput } from '@portal/shared/schemas';
import { DomainError } from '@portal/shared/errors';
import { loopView } from './candidate-loop';
import { loopOfInterview } from './loop-of-interview';
import { hrLoopDetail, requireHrLoop } from './hr-loop-view';
import { loopClient } from './loop-client';
import { inviteLoop } from './loop-invite';
import { moveLoopSession, timesToMove } from './session-move';
import { listLoopTemplates, removeLoopTemplate, saveLoopTemplate } from './loop-templates';
import { adminProcedure, hrProcedure, router, memberProcedure } from '../http/trpc';

export const hrLoopsRouter = router({
  templates: hrProcedure.query(({ ctx }) => listLoopTemplates(ctx.deps.db)),

  /** Admins only, like kinds and interviewers: applies to invitations made from now on. */
  saveTemplate: adminProcedure.input(loopTemplateInput).mutation(({ ctx, input }) => saveLoopTemplate(ctx.deps.db, input, ctx.session.email)),

  removeTemplate: adminProcedure.input(templateIdInput).mutation(({ ctx, input }) => removeLoopTemplate(ctx.deps.db, input.id)),

  /** One loop, one candidate link (the first session's): every session its own interview and lifecycle. */
  invite: hrProcedure.input(loopInviteInput).mutation(({ ctx, input }) => inviteLoop(ctx.deps, input, ctx.session.email)),

  /** The loop an interview belongs to, with every session; NOT_FOUND for a single interview. */
  ofInterview: memberProcedure.input(interviewIdInput).query(async ({ ctx, input }) => {
    const found = await loopOfInterview(ctx.deps.db, input.interviewId);
    if (found === null) throw new DomainError('NOT_FOUND', 'This interview is not part of a loop.');
    return loopView(found);
  }),

  /** A loop's page (docs/adr/0036): the itinerary with each session's panel, the loop's status and outcome. */
  get: memberProcedure.input(loopIdInput).query(async ({ ctx, input }) => {
    const { db, env } = ctx.deps;
    const found = await requireHrLoop(db, input.loopId);
    return hrLoopDetail(db, found, `${env.TEMPORAL_UI_URL}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows/${loopWorkflowId(found.loop._id)}`);
  }),

  /** Cancels every session not yet taken place, through the loop's workflow, as the candidate's cancel does. */
  cancel: hrProcedure.input(hrLoopCancelInput).mutation(async ({ ctx, input }) => {
    const { db, env } = ctx.deps;
    const found = await requireHrLoop(db, input.loopId);
    await loopClient(ctx.deps.temporal, env.LIFECYCLE_TASK_QUEUE).cancel(found.loop._id, { reason: input.reason, actor: ctx.session.email });
    return { loopId: found.loop._id };
  }),

  /**
   * Where one booked session can move, the others staying put: the candidate's own listing
   * (`timesToMove`), the loop's days counted in the candidate's zone.
   */
  moveTimes: hrProcedure
    .input(hrSessionTimesInput)
    .query(async ({ ctx, input }) => timesToMove(ctx.deps, await requireHrLoop(ctx.deps.db, input.loopId), input.sessionId)),

  /**
   * HR moves one session within the loop's rules, as any HR user moves a single interview: the
   * move is on the timeline under the HR user with the reason, and spends none of the candidate's
   * allowance (docs/adr/0041).
   */
  moveSession: hrProcedure.input(hrSessionMoveInput).mutation(async ({ ctx, input }) => {
    const found = await requireHrLoop(ctx.deps.db, input.loopId);
    await moveLoopSession(ctx.deps, found, { sessionId: input.sessionId, start: input.start, actor: ctx.session.email, reason: input.reason });
    return { loopId: found.loop._id };
  }),
});
