import type { InterviewEvent, InterviewStatus, Outcome } from '@portal/shared/status';
import type { LifecycleInput, LifecycleTimings, PanelAnswer, PanelMember, PanelNotice, SlotState } from '@portal/shared/lifecycle';
import type { InterviewEmailFacts } from '@portal/shared/email';
import type { PublishedWebhookEvent } from '@portal/shared/webhook-events';
import type { MeetingProvider } from '@portal/shared/meeting-rooms';
import type { LoopHandover } from '@portal/shared/loops';

export interface ClaimRequest {
  interviewId: string;
  start: string;
  rules: LifecycleTimings['slotRules'];
  /** The interview's fixed facts from the lifecycle's input; without them (older lifecycles) the claim reads the document. */
  interview?: ClaimedInterview;
  /** Whom the claim asks last: who met this candidate before (absent in older lifecycles' claims). */
  candidateEmail?: string;
}

/** What a claim needs of its interview, none of which changes after the invite. */
export interface ClaimedInterview {
  interviewerIds: string[];
  durationMinutes: number;
  panelSize: number;
}

/** One booked member's place, to be taken by another member of the pool at the same time (docs/adr/0032). */
export interface ReplacementRequest {
  interviewId: string;
  claimId: string;
  start: string;
  end: string;
  leaving: string;
  /** Everyone on the panel now, the leaving member too: none of them is asked. */
  panel: string[];
  interview: ClaimedInterview;
  rules: LifecycleTimings['slotRules'];
  candidateEmail?: string;
}

/** What the lifecycle persists, in the shape the persisting activity writes. */
export interface ChangeSet {
  slot?: SlotState | null;
  rescheduleCount?: number;
  joinedAt?: string;
  completedAt?: string;
  outcome?: Outcome;
  cancelReason?: string | null;
  nextInterviewId?: string;
  candidateTimezone?: string;
  meetingUrl?: string;
  /** E.164; written to the document only (the notifications worker reads it there). */
  candidatePhone?: string;
  smsOptIn?: boolean;
  panelAnswers?: PanelAnswer[];
}

export interface PersistChangeInput {
  interviewId: string;
  /** The version the workflow last persisted; the write applies only on top of it. */
  version: number;
  from: InterviewStatus;
  to: InterviewStatus;
  event: InterviewEvent | 'RECORD';
  actor: string;
  detail: string;
  set: ChangeSet;
}

/**
 * The wall-clock time the change was written. A local activity's result is recorded in the
 * history, so the lifecycle may read it as a deterministic clock: its own `Date.now()` stays at
 * the start of the workflow task, however long the task's local activities took.
 */
export interface PersistedChange {
  persistedAt: string;
}

export interface IssuedToken {
  link: string;
  jti: string;
  expiresAt: string;
}

/** What calendar sync tells one lifecycle about its panel: a decline in the calendar, or an event over the interview. */
export interface CalendarPanelNotice {
  interviewId: string;
  notice: PanelNotice;
}

/** A panel member's Accept and Decline links for one interview. */
export interface AnswerLinks {
  interviewerId: string;
  accept: string;
  decline: string;
}

/** One panel member's copy of the interview's event, in their connected calendar. */
export interface CalendarEventRequest {
  action: 'put' | 'delete';
  interviewId: string;
  interviewerId: string;
  /** The interview's version: the emails' SEQUENCE for the same change. */
  sequence: number;
  facts: InterviewEmailFacts;
}

export type CalendarEventResult = 'no calendar connected' | 'created' | 'updated' | 'deleted' | 'already absent' | 'a newer version is there';

/** An API provider's room for one interview, open from `nbf` until `exp` (seconds since the epoch). */
export interface MeetingRoomRequest {
  interviewId: string;
  provider: MeetingProvider;
  room: string;
  nbf: number;
  exp: number;
}

/** One delivery row; its endpoint and event named too (read beside the row), absent in requests from before they were. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  endpointId?: string;
  eventId?: string;
}

/** How one delivery ended: `skipped` when its endpoint is gone or disabled. */
export type WebhookDeliveryOutcome = 'delivered' | 'skipped' | 'failed' | 'pending';

/** The delivery workflow's settings, from the workflows service's environment (read once per run). */
export interface WebhookDeliverySettings {
  timeoutMs: number;
  retryInitialMs: number;
  /** Interviews whose deliveries run at once for one endpoint. */
  lanes: number;
  /** History length past which the workflow continues as new (tests shorten it). */
  continueAfterEvents?: number;
}

/** The loop's booking of its sessions, once every session's claim is held (docs/adr/0031). */
/** The sessions' `book` updates, each with an id fixed by the loop's change, so a retried activity does not book a session twice. */
export type LoopSessionsBooking = LoopHandover;
export interface LoopSessionsCancel {
  changeId: string;
  interviewIds: string[];
  reason?: string;
  actor: string;
}
/**
 * A loop session's claim: held, or refused with the claim's code (SLOT_TAKEN, SLOT_UNAVAILABLE, …)
 * and why (`ClaimRefusalReason`), or left unclaimed after an earlier session's refusal in the loops'
 * one order of claims (activities/loop-claim-order.ts).
 */
export type LoopClaimOutcome =
  | { interviewId: string; slot: SlotState }
  | { interviewId: string; refused: { code: string; message: string; reason?: string } }
  | { interviewId: string; unclaimed: true };
/** Sessions of a booked loop moved together: each session's `reschedule` update under an id fixed by the loop's change. */
export interface LoopSessionsMove {
  changeId: string;
  moves: { interviewId: string; start: string }[];
  timezone?: string;
  reason: string;
  actor: string;
}
/** A session's answer: its slot once the change went through, or its lifecycle's refusal. */
export type LoopSessionAnswer = { interviewId: string; slot: SlotState | null } | { interviewId: string; refused: { code: string; message: string } };

/** The workflows service's activities as the workflow sees them (types only). */
export interface LifecycleActivities {
  issueCandidateToken(input: { interviewId: string; attempt: number; expiresAt: string }): Promise<IssuedToken>;
  claimSlot(input: ClaimRequest): Promise<SlotState>;
  /** Every session of a loop claimed at once, their reads made once (docs/adr/0042). */
  claimLoopSlots(input: ClaimRequest[]): Promise<LoopClaimOutcome[]>;
  releaseSlot(input: { interviewId: string; claimId: string }): Promise<void>;
  replacePanelMember(request: ReplacementRequest): Promise<PanelMember | null>;
  issueAnswerLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<AnswerLinks[]>;
  persistChange(input: PersistChangeInput): Promise<PersistedChange>;
  foldInterviewListCounts(): Promise<{ folded: number }>;
  /** Erases every candidate the retention policy says is due (docs/adr/0030). */
  applyRetentionPolicy(): Promise<{ candidates: number; interviews: number }>;
  syncCalendars(): Promise<{ read: number; unchanged: number; failing: number; notices?: CalendarPanelNotice[] }>;
  writeCalendarEvent(request: CalendarEventRequest): Promise<CalendarEventResult>;
  issueFeedbackLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<{ interviewerId: string; link: string }[]>;
  pendingFeedback(input: { interviewId: string; interviewerIds: string[] }): Promise<string[]>;
  createRetakeInterview(input: { fromInterviewId: string; newInterviewId: string; actor: string }): Promise<
    Omit<LifecycleInput, 'timings' | 'notificationsTaskQueue'>
  >;
  /** Creates the room (or finds it created by an earlier attempt); its link. */
  openMeetingRoom(request: MeetingRoomRequest): Promise<{ url: string }>;
  /** Moves the room's window to the new time (creating it again if the provider lost it). */
  moveMeetingRoom(request: MeetingRoomRequest): Promise<{ url: string }>;
  closeMeetingRoom(request: Pick<MeetingRoomRequest, 'interviewId' | 'provider' | 'room'>): Promise<'deleted' | 'already absent'>;
  publishWebhookEvent(event: PublishedWebhookEvent): Promise<{ deliveries: number }>;
  deliverWebhook(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome>;
  failWebhookDelivery(input: { deliveryId: string }): Promise<void>;
  webhookDeliverySettings(): Promise<WebhookDeliverySettings>;
  bookLoopSessions(input: LoopSessionsBooking): Promise<LoopSessionAnswer[]>;
  cancelLoopSessions(input: LoopSessionsCancel): Promise<LoopSessionAnswer[]>;
  moveLoopSessions(input: LoopSessionsMove): Promise<LoopSessionAnswer[]>;
}
