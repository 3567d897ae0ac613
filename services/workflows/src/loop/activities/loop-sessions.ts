import { Context } from '@temporalio/activity';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { LIFECYCLE_UPDATES, type CancelRequest, type LifecycleState, type LoopWindowsNotice, type SlotRequest } from '@portal/shared/lifecycle';
import { sessionBookRequest, sessionBookUpdateId } from '@portal/shared/loops';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { LoopSessionAnswer, LoopSessionsBooking, LoopSessionsCancel, LoopSessionsMove, LoopSessionsNotice } from '../activities-api';

/**
 * A refusal from a session's lifecycle, answered as such, and so is a lifecycle that has ended (HR
 * cancelled the session): an update to it can never be taken, so retrying would hold the loop's
 * lock for good. Anything else is transient and retries the activity.
 */
function refusalOf(error: unknown): { code: string; message: string } | null {
  if (error instanceof WorkflowNotFoundError) return { code: 'ILLEGAL_TRANSITION', message: 'The session has ended.' };
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  return cause instanceof ApplicationFailure ? { code: cause.type ?? 'UNKNOWN', message: cause.message } : null;
}

/**
 * The loop's way to its sessions: updates to each session's lifecycle, sent by the worker's own
 * client (a workflow cannot send another an update). Each update carries an id fixed by the loop's
 * change, so a retried activity gets the first answer back instead of changing a session twice.
 */
export function createLoopSessions() {
  async function each<R>(
    sessions: { interviewId: string }[],
    send: (interviewId: string) => Promise<R>,
  ): Promise<({ interviewId: string; answer: R } | { interviewId: string; refused: { code: string; message: string } })[]> {
    return Promise.all(
      sessions.map(async ({ interviewId }) => {
        try {
          return { interviewId, answer: await send(interviewId) };
        } catch (error) {
          const refused = refusalOf(error);
          if (refused === null) throw error;
          return { interviewId, refused };
        }
      }),
    );
  }

  return {
    async bookLoopSessions(input: LoopSessionsBooking): Promise<LoopSessionAnswer[]> {
      const { client } = Context.current();
      const answers = await each(input.sessions, (interviewId) =>
        client.workflow
          .getHandle(interviewWorkflowId(interviewId))
          .executeUpdate<LifecycleState, [SlotRequest]>(LIFECYCLE_UPDATES.book, { args: [sessionBookRequest(input, interviewId)], updateId: sessionBookUpdateId(input.changeId) }),
      );
      return answers.map((a) => ('answer' in a ? { interviewId: a.interviewId, slot: a.answer.slot } : { interviewId: a.interviewId, refused: a.refused }));
    },

    async cancelLoopSessions(input: LoopSessionsCancel): Promise<LoopSessionAnswer[]> {
      const { client } = Context.current();
      const request: CancelRequest = { reason: input.reason, actor: input.actor };
      const answers = await each(input.interviewIds.map((interviewId) => ({ interviewId })), (interviewId) =>
        client.workflow
          .getHandle(interviewWorkflowId(interviewId))
          .executeUpdate<LifecycleState, [CancelRequest]>(LIFECYCLE_UPDATES.cancel, { args: [request], updateId: `${input.changeId}:cancel` }),
      );
      return answers.map((a) => ('answer' in a ? { interviewId: a.interviewId, slot: a.answer.slot } : { interviewId: a.interviewId, refused: a.refused }));
    },

    /** Each moved session's ordinary `reschedule`, on the claim the loop already holds under the session's claim id. */
    async moveLoopSessions(input: LoopSessionsMove): Promise<LoopSessionAnswer[]> {
      const { client } = Context.current();
      const answers = await each(input.moves, (interviewId) => {
        const start = input.moves.find((m) => m.interviewId === interviewId)?.start ?? '';
        const request: SlotRequest = { start, actor: input.actor, reason: input.reason, ...(input.timezone === undefined ? {} : { timezone: input.timezone }) };
        return client.workflow
          .getHandle(interviewWorkflowId(interviewId))
          .executeUpdate<LifecycleState, [SlotRequest]>(LIFECYCLE_UPDATES.reschedule, { args: [request], updateId: `${input.changeId}:reschedule` });
      });
      return answers.map((a) => ('answer' in a ? { interviewId: a.interviewId, slot: a.answer.slot } : { interviewId: a.interviewId, refused: a.refused }));
    },

    /** The candidate's windows recorded on each session, or HR told through one (docs/adr/0077). */
    async tellLoopSessions(input: LoopSessionsNotice): Promise<LoopSessionAnswer[]> {
      const { client } = Context.current();
      const answers = await each(input.interviewIds.map((interviewId) => ({ interviewId })), (interviewId) =>
        client.workflow
          .getHandle(interviewWorkflowId(interviewId))
          .executeUpdate<LifecycleState, [LoopWindowsNotice]>(LIFECYCLE_UPDATES.loopWindows, { args: [input.notice], updateId: `${input.changeId}:windows` }),
      );
      return answers.map((a) => ('answer' in a ? { interviewId: a.interviewId, slot: a.answer.slot } : { interviewId: a.interviewId, refused: a.refused }));
    },
  };
}
