import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { DomainError, isDomainErrorCode } from '@portal/shared/errors';
import {
  LOOP_STATE_QUERY,
  LOOP_UPDATES,
  LOOP_WORKFLOW_TYPE,
  loopWorkflowId,
  type BookedLoop,
  type ItineraryRequest,
  type LoopCancelRequest,
  type LoopInput,
  type LoopMoveRequest,
  type LoopState,
} from '@portal/shared/loops';
import { isClaimRefusalReason, type ClaimRefusalReason } from '@portal/shared/slots';
import type { AvailabilitySubmission } from '@portal/shared/lifecycle';
import { asDomainError } from '../lifecycle/lifecycle-client';

/** Which session a booking lost, as the loop workflow names it in its refusal, and why (none from an older loop). */
export interface TakenSession {
  session: number;
  title: string;
  reason?: ClaimRefusalReason;
}

function takenOf(failure: ApplicationFailure): TakenSession | undefined {
  const [detail] = failure.details ?? [];
  if (typeof detail !== 'object' || detail === null) return undefined;
  const { session, title, reason } = detail as Record<string, unknown>;
  if (typeof session !== 'number' || typeof title !== 'string') return undefined;
  return isClaimRefusalReason(reason) ? { session, title, reason } : { session, title };
}

/** Booking's way to a loop: updates to its workflow, refusals as domain errors (the lost session in `details.taken`). */
export function loopClient(client: Client, taskQueue: string) {
  async function update<A>(loopId: string, name: string, arg: A): Promise<LoopState> {
    try {
      const handle = client.workflow.getHandle(loopWorkflowId(loopId));
      // An update that takes nothing (leaving the waitlist) gets no argument at all.
      return await (arg === undefined ? handle.executeUpdate<LoopState, []>(name, { args: [] }) : handle.executeUpdate<LoopState, [A]>(name, { args: [arg] }));
    } catch (error) {
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && isDomainErrorCode(cause.type)) {
        const taken = takenOf(cause);
        throw new DomainError(cause.type, cause.message, taken ? { taken } : {});
      }
      throw asDomainError(error);
    }
  }
  return {
    update,
    async start(input: LoopInput, summary: string): Promise<void> {
      await client.workflow.start(LOOP_WORKFLOW_TYPE, { workflowId: loopWorkflowId(input.loopId), taskQueue, args: [input], staticSummary: summary });
    },
    state: (loopId: string) => client.workflow.getHandle(loopWorkflowId(loopId)).query<LoopState>(LOOP_STATE_QUERY),
    book: (loopId: string, request: ItineraryRequest): Promise<BookedLoop> => update(loopId, LOOP_UPDATES.book, request),
    cancel: (loopId: string, request: LoopCancelRequest) => update(loopId, LOOP_UPDATES.cancel, request),
    /** A booked loop's sessions moved together, all or nothing (a re-pick with no time for its session alone). */
    moveSessions: (loopId: string, request: LoopMoveRequest) => update(loopId, LOOP_UPDATES.moveSessions, request),
    /** The candidate's windows for the whole loop, checked and in UTC (docs/adr/0077). */
    submitAvailability: (loopId: string, request: AvailabilitySubmission) => update(loopId, LOOP_UPDATES.submitAvailability, request),
  };
}
