import * as wf from '@temporalio/workflow';
import { DOMAIN_ERROR_CODES } from '@portal/shared/errors';
import type { LifecycleInput, LifecycleState, PanelMember, SlotState } from '@portal/shared/lifecycle';
import type { ChangeFacts } from '@portal/shared/rules';
import { transition, type InterviewEvent } from '@portal/shared/status';
import type { ChangeSet } from '../changes/activities-api';
import type { LifecycleActivities } from './activities-api';
import { createBookingSteps, type BookingSteps } from './booking-steps';
import type { createCalendarWrites } from '../calendars/calendar-writes';
import type { createOutbox } from '../outbox/emails';
import { createChangeLock } from '../changes/change-lock';
import type { createMeetingRoom } from '../meeting-rooms/meeting-room';
import { InterviewStatusKey, ScheduledStartKey } from './search-attributes';
import type { createTexts } from '../outbox/texts';
import type { createWebhookEvents } from '../webhooks/webhook-events';

export const activityOptions: wf.ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [...DOMAIN_ERROR_CODES],
  },
};
export const activities = wf.proxyActivities<LifecycleActivities>(activityOptions);
export const steps = createBookingSteps(activityOptions);

export function summarized(summary: string): wf.ActivityOptions {
  return { ...activityOptions, summary };
}

export const panelOf = (slot: SlotState | null): PanelMember[] => slot?.panel ?? [];

/** What the lifecycle's parts share beside the queried state. */
export interface LifecycleRun {
  /** The candidate's bearer link: outside the queried state, answered only to candidateLinkQuery. */
  candidateLink: string | null;
  /** Bumped by every change the timer loop must plan again for; the loop waits on it. */
  planVersion: number;
  /** Whether the start's own work (search attributes, the link, the invitation) is done; see exclusive(). */
  initialized: boolean;
  retakeWindowClosed: boolean;
  erased: boolean;
}

function initialState(input: LifecycleInput): LifecycleState {
  return {
    interviewId: input.interviewId,
    status: 'INVITED',
    outcome: 'PENDING',
    attempt: input.attempt,
    slot: null,
    rescheduleCount: 0,
    rescheduleLimit: input.rescheduleLimit,
    joinedAt: null,
    completedAt: null,
    cancelReason: null,
    invitationExpiresAt: null,
    linkIssued: false,
    remindersPlanned: [],
    remindersSent: [],
    nextTimer: null,
    nextInterviewId: null,
    version: 0,
    panelReminderPlannedFor: null,
    panelReminderSentFor: null,
    followUp: { feedbackRequested: [], feedbackReceived: [], interviewersNudged: false, hrToldFeedbackLate: false, hrNudgedForDecision: false },
    invitationsResent: 0,
    candidateTimezone: input.candidateTimezone,
    meetingUrl: input.meeting ? input.meeting.url : (input.meetingUrl ?? null),
  };
}

/**
 * The lifecycle's state and the one way to change it: a lock that runs changes one at a time,
 * and `apply`, which persists a change and then takes it into the state.
 * `flush` runs when a change takes the lock (the meeting room's pending announcement).
 */
export function createLifecycleCore(input: LifecycleInput, flush: () => void) {
  const { interviewId } = input;
  const state = initialState(input);
  const run: LifecycleRun = { candidateLink: null, planVersion: 0, initialized: false, retakeWindowClosed: false, erased: false };

  const facts = (): ChangeFacts => ({
    status: state.status,
    slotStart: state.slot?.start ?? null,
    rescheduleCount: state.rescheduleCount,
    rescheduleLimit: state.rescheduleLimit,
  });
  const now = () => Date.now();
  // The wall-clock time the last persisted change reported (0 before any). The workflow's own
  // clock stays at the start of its task while the task's local activities run, and a timer
  // starts only when the task completes: timing from a clock that stale would fire every
  // deadline set after a booking as late as the booking's claim and write took.
  let persistedAt = 0;
  const clock = () => Math.max(now(), persistedAt);

  // An update can arrive with the start, in the lifecycle's first workflow task. Its handler
  // then runs beside the start's own steps, and a replay (after a cache eviction or a restart)
  // orders the two differently: the history no longer replays and the lifecycle is stuck.
  // Changes wait until the start's work is done, which gives one order on every run.
  const lock = createChangeLock(() => run.initialized);
  const exclusive = <T>(work: () => Promise<T>): Promise<T> =>
    lock(() => {
      flush();
      return work();
    });

  async function apply(event: InterviewEvent | 'RECORD', actor: string, detail: string, set: ChangeSet = {}, via: BookingSteps = steps.forLifecycle()) {
    const from = state.status;
    const to = event === 'RECORD' ? from : transition(from, event);
    const change = { interviewId, version: state.version, from, to, event, actor, detail, set };
    // A change the store refuses (docs/adr/0013) throws here, undone: the state stays as it was.
    const persisted = await via.persistChange(`persist ${event}: ${from} → ${to}`, change);
    // A history recorded before the change reported its time replays without it, as it ran.
    if (persisted !== undefined) persistedAt = Math.max(persistedAt, Date.parse(persisted.persistedAt));
    // The number is the interview document's (the notifications worker reads it there), not the state's.
    const { candidatePhone: _number, waitlistEntry: _entry, ...stateSet } = set;
    Object.assign(state, stateSet, { status: to, version: state.version + 1 });
    run.planVersion += 1;
    wf.upsertSearchAttributes([
      { key: InterviewStatusKey, value: to },
      { key: ScheduledStartKey, value: state.slot ? new Date(state.slot.start) : null },
    ]);
  }

  /** Wakes the timer loop to plan again. */
  const wake = () => {
    run.planVersion += 1;
  };

  return { state, run, facts, now, clock, exclusive, apply, wake };
}

export type LifecycleCore = ReturnType<typeof createLifecycleCore>;

/** A loop's later session: the candidate's link and invitation are the first session's (docs/adr/0031). */
export const isLoopFollower = (input: LifecycleInput): boolean => input.loop !== undefined && input.loop.session > 0;

/** The core and the lifecycle's outgoing channels, which every part of it shares. */
export interface LifecycleParts extends LifecycleCore {
  outbox: ReturnType<typeof createOutbox>;
  texts: ReturnType<typeof createTexts>;
  calendars: ReturnType<typeof createCalendarWrites>;
  rooms: ReturnType<typeof createMeetingRoom>;
  webhooks: ReturnType<typeof createWebhookEvents>;
}
