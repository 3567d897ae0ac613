import { loopWorkflowId } from '@portal/shared/loops';
import {
  ActivityFailure,
  ApplicationFailure,
  Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  TimeoutFailure,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { DomainError, isDomainErrorCode } from '@portal/shared/errors';
import {
  FEEDBACK_SUBMITTED_SIGNAL,
  LIFECYCLE_LINK_QUERY,
  LIFECYCLE_STATE_QUERY,
  LIFECYCLE_UPDATES,
  LIFECYCLE_WORKFLOW_TYPE,
  LOOP_REBOOK_SIGNAL,
  PANEL_NOTICE_SIGNAL,
  AVAILABILITY_CHANGED_SIGNAL,
  type AttendanceRequest,
  type AvailabilitySubmission,
  type CancelRequest,
  type FeedbackSubmitted,
  type LifecycleInput,
  type LifecycleState,
  type LoopRebookNotice,
  type OutcomeRequest,
  type PanelNotice,
  type RetakeRequest,
  type SlotRequest,
} from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { TIME_FREED_SIGNAL, WAITLIST_COORDINATOR_TYPE, waitlistCoordinatorId } from '@portal/shared/waitlist';

/** gRPC answers that mean "not now" rather than "wrong": worth telling the caller to look again. */
const TRANSIENT = new Set<number>([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);

/**
 * An update that failed because a step inside it ran out of time or attempts (a claim's activity on
 * a loaded worker), not because the workflow refused: nothing was changed, and trying again is right.
 */
function failedOnTheWay(error: unknown): boolean {
  if (!(error instanceof WorkflowUpdateFailedError)) return false;
  const cause = error.cause;
  if (cause instanceof TimeoutFailure) return true;
  return cause instanceof ActivityFailure && !(cause.cause instanceof ApplicationFailure && isDomainErrorCode(cause.cause.type));
}

function isTransient(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || failedOnTheWay(error)) return true;
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && TRANSIENT.has(grpc.code);
}

/** A refusal from the workflow arrives as an ApplicationFailure typed by its domain code. */
export function asDomainError(error: unknown): unknown {
  if (isTransient(error)) {
    return new DomainError('UNAVAILABLE', 'The interview service did not answer in time. Reload the page to see whether your change went through, then try again.');
  }
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && isDomainErrorCode(cause.type)) {
    return new DomainError(cause.type, cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return new DomainError('NOT_FOUND', 'Interview not found.');
  return error;
}

/**
 * Booking's only way to change an interview: updates to its lifecycle workflow. `changed` hears of
 * each accepted update (the live pages read the interview at once instead of at their next tick).
 */
export function createLifecycleClient(
  client: Client,
  taskQueue: string,
  changed: (interviewId: string) => void = () => undefined,
  /** A cancel or a move freed a time in this interview's pool (the candidates' windows waiting on it search again, docs/adr/0071). */
  freed: (interviewId: string) => void = () => undefined,
) {
  async function update<R, A>(interviewId: string, name: string, arg?: A, updateId?: string): Promise<R> {
    const handle = client.workflow.getHandle(interviewWorkflowId(interviewId));
    let result: R;
    try {
      result =
        arg === undefined ? await handle.executeUpdate<R, []>(name) : await handle.executeUpdate<R, [A]>(name, { args: [arg], ...(updateId === undefined ? {} : { updateId }) });
    } catch (error) {
      throw asDomainError(error);
    }
    changed(interviewId);
    return result;
  }

  return {
    async start(input: LifecycleInput, summary: string): Promise<void> {
      await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, {
        workflowId: interviewWorkflowId(input.interviewId),
        taskQueue,
        args: [input],
        staticSummary: summary,
        memo: { previousWorkflowId: input.previousInterviewId && interviewWorkflowId(input.previousInterviewId) },
      });
    },
    state: (interviewId: string) =>
      client.workflow.getHandle(interviewWorkflowId(interviewId)).query<LifecycleState>(LIFECYCLE_STATE_QUERY),
    /** The candidate's link (null until issued); the query's result crosses Temporal encrypted by the payload codec. */
    candidateLink: (interviewId: string) =>
      client.workflow.getHandle(interviewWorkflowId(interviewId)).query<string | null>(LIFECYCLE_LINK_QUERY),
    book: (id: string, request: SlotRequest) => update<LifecycleState, SlotRequest>(id, LIFECYCLE_UPDATES.book, request),
    /** A loop's session booked on its loop's claim, under the id its loop sends the same update with (docs/adr/0042). */
    bookLoopSession: (id: string, request: SlotRequest, updateId: string) => update<LifecycleState, SlotRequest>(id, LIFECYCLE_UPDATES.book, request, updateId),
    reschedule: async (id: string, request: SlotRequest) => {
      const state = await update<LifecycleState, SlotRequest>(id, LIFECYCLE_UPDATES.reschedule, request);
      freed(id);
      return state;
    },
    cancel: async (id: string, request: CancelRequest) => {
      const state = await update<LifecycleState, CancelRequest>(id, LIFECYCLE_UPDATES.cancel, request);
      freed(id);
      return state;
    },
    join: (id: string) => update<{ meetingUrl: string | null }, never>(id, LIFECYCLE_UPDATES.join),
    setOutcome: (id: string, request: OutcomeRequest) =>
      update<LifecycleState, OutcomeRequest>(id, LIFECYCLE_UPDATES.setOutcome, request),
    approveRetake: (id: string, request: RetakeRequest) =>
      update<{ newInterviewId: string }, RetakeRequest>(id, LIFECYCLE_UPDATES.approveRetake, request),
    resendInvitation: (id: string, actor: string) =>
      update<LifecycleState, { actor: string }>(id, LIFECYCLE_UPDATES.resendInvitation, { actor }),
    markAttendance: (id: string, request: AttendanceRequest) =>
      update<LifecycleState, AttendanceRequest>(id, LIFECYCLE_UPDATES.markAttendance, request),
    /** The candidate's windows, checked and in UTC (docs/adr/0071). */
    submitAvailability: (id: string, request: AvailabilitySubmission) =>
      update<LifecycleState, AvailabilitySubmission>(id, LIFECYCLE_UPDATES.submitAvailability, request),
    /** Time may have freed in the pool of a lifecycle waiting on the candidate's windows: it searches them again now. */
    availabilityChanged: async (id: string) => {
      await client.workflow.getHandle(interviewWorkflowId(id)).signal(AVAILABILITY_CHANGED_SIGNAL);
    },
    /** The same for a loop waiting on the candidate's windows (docs/adr/0077): its workflow searches whole itineraries. */
    loopAvailabilityChanged: async (loopId: string) => {
      await client.workflow.getHandle(loopWorkflowId(loopId)).signal(AVAILABILITY_CHANGED_SIGNAL);
    },
    joinWaitlist: (id: string, request: { before?: string; beforeInstant?: string }) =>
      update<LifecycleState, { before?: string; beforeInstant?: string }>(id, LIFECYCLE_UPDATES.joinWaitlist, request),
    leaveWaitlist: (id: string) => update<LifecycleState, never>(id, LIFECYCLE_UPDATES.leaveWaitlist),
    acceptHold: (id: string, holdId: string) => update<LifecycleState, { holdId: string }>(id, LIFECYCLE_UPDATES.acceptHold, { holdId }),
    declineHold: (id: string, holdId: string) => update<LifecycleState, { holdId: string }>(id, LIFECYCLE_UPDATES.declineHold, { holdId }),
    /** Word to the waitlist's coordinator (started by the first word) that time may have freed for these interviewers (docs/adr/0072). */
    timeFreed: async (interviewerIds: string[]) => {
      await client.workflow.signalWithStart(WAITLIST_COORDINATOR_TYPE, {
        workflowId: waitlistCoordinatorId(taskQueue),
        taskQueue,
        args: [{}],
        signal: TIME_FREED_SIGNAL,
        signalArgs: [{ interviewerIds }],
        staticSummary: 'the waitlist: who gets a freed earlier time',
      });
    },
    /** Fire and forget: the scorecard is stored already; the signal only keeps the workflow's details fresh. */
    feedbackSubmitted: async (id: string, signal: FeedbackSubmitted) => {
      await client.workflow.getHandle(interviewWorkflowId(id)).signal<[FeedbackSubmitted]>(FEEDBACK_SUBMITTED_SIGNAL, signal);
    },
    /** An answer or a conflict of a booked panel member, told where it was made (docs/adr/0032). */
    panelNotice: async (id: string, notice: PanelNotice) => {
      await client.workflow.getHandle(interviewWorkflowId(id)).signal<[PanelNotice]>(PANEL_NOTICE_SIGNAL, notice);
    },
    /** A loop session's re-pick left no time of its own: the whole loop is offered again, and its lifecycle tells HR once (docs/adr/0032). */
    loopRebook: async (id: string, notice: LoopRebookNotice) => {
      await client.workflow.getHandle(interviewWorkflowId(id)).signal<[LoopRebookNotice]>(LOOP_REBOOK_SIGNAL, notice);
    },
  };
}

export type LifecycleClient = ReturnType<typeof createLifecycleClient>;
