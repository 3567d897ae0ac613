import type { AvailabilityAction, AvailabilityState, AvailabilityWindow } from './availability';
import type { InterviewKind } from './interview-kinds';
import type { HoldOffer, WaitlistState } from './waitlist';
import type { MeetingRoomPlan } from './meeting-rooms';
import type { ReminderRule } from './reminders';
import type { FinalOutcome, InterviewStatus, Outcome } from './status';
import { interviewWorkflowId } from './search-attributes';

/** The lifecycle workflow's contract: its name, input, state, and the updates callers send. */
export const LIFECYCLE_WORKFLOW_TYPE = 'interviewLifecycle';
export const LIFECYCLE_UPDATES = {
  book: 'book',
  reschedule: 'reschedule',
  cancel: 'cancel',
  join: 'join',
  setOutcome: 'setOutcome',
  approveRetake: 'approveRetake',
  resendInvitation: 'resendInvitation',
  markAttendance: 'markAttendance',
  erase: 'erase',
  submitAvailability: 'submitAvailability',
  joinWaitlist: 'joinWaitlist',
  leaveWaitlist: 'leaveWaitlist',
  acceptHold: 'acceptHold',
  declineHold: 'declineHold',
  loopWindows: 'loopWindows',
} as const;
export const LIFECYCLE_STATE_QUERY = 'state';
/**
 * The candidate's link, a bearer credential: kept out of the state (read by many callers, shown in
 * the Temporal UI) and answered only to this query, whose result crosses Temporal encrypted.
 */
export const LIFECYCLE_LINK_QUERY = 'candidateLink';
/** Booking tells the lifecycle a scorecard arrived, so its Current Details stay true. */
export const FEEDBACK_SUBMITTED_SIGNAL = 'feedbackSubmitted';
/** Something changed about a booked panel member (their answer, their time, their place): docs/adr/0032. */
export const PANEL_NOTICE_SIGNAL = 'panelNotice';
/**
 * Booking's word to a loop session's lifecycle: its re-pick has no time left within the loop's
 * rules, so the whole loop's itineraries are offered (docs/adr/0032). The lifecycle tells HR once.
 */
export const LOOP_REBOOK_SIGNAL = 'loopRebookOffered';
/**
 * Something may have freed time in an interview's pool (new hours, a cancellation, a move): a
 * lifecycle waiting on the candidate's windows searches them again now (docs/adr/0071).
 */
export const AVAILABILITY_CHANGED_SIGNAL = 'availabilityChanged';
export interface LoopRebookNotice {
  /** The itineraries offered (none: the candidate can only wait for the offer's end). */
  itineraries: number;
  at: string;
}

/** Durations are inputs so tests can run a whole lifecycle in seconds. */
export interface LifecycleTimings {
  invitationExpiryMs: number;
  reminderOffsetsMs: number[];
  changeCutoffMs: number;
  joinOpensBeforeMs: number;
  graceAfterEndMs: number;
  retakeCooldownMs: number;
  retakeWindowMs: number;
  maxAttempts: number;
  /** Step, minimum notice and horizon: the same rules booking lists slots with. */
  /** The interview's kind's buffers ride here (docs/adr/0066); a lifecycle started before them has none: the interviewers' own. */
  slotRules: { stepMinutes: number; minNoticeMinutes: number; horizonDays: number; bufferBeforeMinutes?: number; bufferAfterMinutes?: number };
  /** The panel's own reminder before the start (per kind; default 15 minutes). */
  interviewerReminderMs: number;
  /** After COMPLETED: nudge interviewers without a scorecard, then tell HR. */
  feedbackNudgeMs: number;
  feedbackHrNudgeMs: number;
  /** After COMPLETED or NO_SHOW with no outcome: HR is nudged after these working days (Mon–Fri, UTC), or after `afterMs` in tests. */
  decisionDue: { workingDays: number } | { afterMs: number };
  /** How long an interviewer's feedback link stays valid after the interview. */
  feedbackLinkMs: number;
  /**
   * How long an email may wait in the notifications queue, not yet picked up, before the lifecycle
   * schedules it again: a send the Temporal server lost (a restart) is tried again rather than never.
   * The message log keeps a message to one email whichever of the two runs. Absent in lifecycles
   * started before it: `DEFAULT_MAIL_QUEUE_TIMEOUT_MS`.
   */
  mailQueueTimeoutMs?: number;
  /**
   * How long before its moment a reminder (the candidate's or the panel's) is handed to the
   * notifications worker, which holds it and sends it at that moment if the interview is still
   * booked for that time. Reminders bunch at round times; handing them over ahead spreads the
   * lifecycles' work over the lead instead of piling it onto the instant (docs/adr/0009). Absent in
   * lifecycles started before it: 0, each reminder handed over at its moment.
   */
  reminderLeadMs?: number;
  /**
   * How long the booking's confirmation (and the panel's invitations and calendar events) wait for
   * an API provider's room, so they carry its link; past it they go saying the link will follow
   * (docs/adr/0028). The booking itself never waits. Absent: `DEFAULT_MEETING_ROOM_WAIT_MS`.
   */
  meetingRoomWaitMs?: number;
  /**
   * The reminder schedule fixed at the invitation, by channel (docs/adr/0027); `reminderOffsetsMs`
   * holds its email offsets. Absent in lifecycles started before schedules: email at those offsets only.
   */
  reminders?: ReminderRule[];
  /**
   * A panel member who has neither accepted nor declined this long after their invitation is
   * nudged once; absent (lifecycles started before answers existed): never.
   */
  answerNudgeMs?: number;
  /**
   * How long a candidate whose panel cannot be completed keeps the old time while choosing a new
   * one; the interview is cancelled when they have not by then (docs/adr/0032). Absent: 48 hours.
   */
  repickWindowMs?: number;
  /**
   * While the candidate's windows wait for a time (docs/adr/0071): how often they are searched again
   * without a word of a change, and when HR is told nothing fitted. Absent: 15 minutes and 2 working days.
   */
  availabilityRecheckMs?: number;
  availabilityHrAfter?: { workingDays: number } | { afterMs: number };
  /** Whether a time found in the windows is booked at once or offered as a hold (docs/adr/0073). Absent: booked. */
  availabilityAction?: AvailabilityAction;
  /** How long one write of a calendar event may take before it is tried again (absent: 45 s). */
  calendarWriteTimeoutMs?: number;
  /** How long a hold is the candidate's alone: the kind's minutes, else the portal's (docs/adr/0072, 0073). Absent: 15 minutes. */
  holdMs?: number;
}

export const DEFAULT_MEETING_ROOM_WAIT_MS = 15_000;

export const DEFAULT_MAIL_QUEUE_TIMEOUT_MS = 5 * 60_000;

export interface LifecycleInput {
  interviewId: string;
  candidateName: string;
  candidateEmail: string;
  /**
   * The CandidateEmail search attribute: a keyed digest, since search attributes are not encrypted.
   * Every start sets it; only lifecycles started before it existed lack it.
   */
  candidateSearchKey?: string;
  candidateTimezone: string;
  position: string;
  kind: InterviewKind;
  kindLabel: string;
  attempt: number;
  previousInterviewId: string | null;
  rescheduleLimit: number;
  hrEmail: string;
  /** The link of lifecycles started before meeting providers (`MEETING_BASE_URL/<interview id>`); newer ones carry `meeting`. */
  meetingUrl?: string;
  /** The interview's provider and room, fixed at the invitation (docs/adr/0028). */
  meeting?: MeetingRoomPlan;
  /** How many interviewers sit at once; the pool is the interview's interviewers. */
  panelSize: number;
  /**
   * The pool and the interview's length, fixed when the interview document is created: the slot
   * claim takes them from here instead of reading the document first. Lifecycles started before
   * they were carried lack them, and their claims read the document.
   */
  interviewerIds?: string[];
  durationMinutes?: number;
  /** Where the notifications worker listens; its default is NOTIFICATIONS_TASK_QUEUE. */
  notificationsTaskQueue: string;
  timings: LifecycleTimings;
  /**
   * A session of a loop (docs/adr/0031): the loop's first session carries the candidate's one link
   * and the invitation; the others send neither the invitation nor its expiry.
   */
  loop?: { loopId: string; session: number };
}

export interface PanelMember {
  interviewerId: string;
  name: string;
  email: string;
  timezone: string;
  /**
   * Whether the member had a calendar connected when the slot was claimed: a member without one
   * gets no calendar write (no activity to find nothing to write). Absent in slots claimed before
   * it existed, which are written as before.
   */
  calendar?: boolean;
  /** Why the claim chose this member (HR's detail page); absent in slots claimed before it was said. */
  pickedBecause?: string;
}

/** Why a booked member can no longer sit on the panel. */
export type PanelConflictReason = 'declined' | 'time-off' | 'calendar' | 'deactivated' | 'left-pool';

/**
 * What the lifecycle is told about one member of its panel: their answer to the invitation (by
 * link or by the PARTSTAT of the event in their calendar), or a conflict found where the change
 * was made (HR's interviewer edits, calendar sync).
 */
export type PanelNotice =
  | { kind: 'answer'; interviewerId: string; answer: 'accepted' | 'declined'; reason?: string; via: 'link' | 'calendar'; at: string }
  | { kind: 'conflict'; interviewerId: string; reason: Exclude<PanelConflictReason, 'declined'>; detail?: string; at: string };

/** One member's answer to their invitation, as HR sees it. */
export interface PanelAnswer {
  interviewerId: string;
  answer: 'accepted' | 'declined';
  reason: string | null;
  via: 'link' | 'calendar';
  at: string;
}

/** A panel that could not be completed: the candidate may choose a new time until `until`, the old one held. */
export interface RepickOffer {
  until: string;
  /** The start the offer was made for: a move clears it. */
  start: string;
  missing: string[];
  /**
   * While the offer is open no join reminder goes out (email, text, the panel's): a reminder's
   * moment reminds the candidate to choose a new time instead (docs/adr/0032). Absent in offers
   * made before, which replay as they ran.
   */
  holdsReminders?: boolean;
  /** A loop session's offer with no time left for it alone: the whole loop was offered again and HR told (once). */
  loopRebookOffered?: boolean;
}

/** A booked time and every interviewer on it; `interviewerId`/`interviewerTimezone` name the first. */
export interface SlotState {
  start: string;
  end: string;
  interviewerId: string;
  interviewerTimezone: string;
  panel: PanelMember[];
  claimId: string;
}

/** After the interview: who was asked for feedback, who answered, and which follow-ups went out. */
export interface FollowUpState {
  feedbackRequested: string[];
  feedbackReceived: string[];
  interviewersNudged: boolean;
  hrToldFeedbackLate: boolean;
  hrNudgedForDecision: boolean;
}

export interface LifecycleState {
  interviewId: string;
  status: InterviewStatus;
  outcome: Outcome;
  attempt: number;
  slot: SlotState | null;
  rescheduleCount: number;
  rescheduleLimit: number;
  joinedAt: string | null;
  completedAt: string | null;
  cancelReason: string | null;
  invitationExpiresAt: string | null;
  /** Whether the candidate's link has been issued; the link itself is answered only to LIFECYCLE_LINK_QUERY. */
  linkIssued: boolean;
  remindersPlanned: number[];
  /** `<slot start>|<offset>` of each reminder handed to the notifications worker (up to `reminderLeadMs` before it goes out). */
  remindersSent: string[];
  nextTimer: { at: string; summary: string } | null;
  nextInterviewId: string | null;
  version: number;
  /** The slot start a panel reminder is planned for (none when its moment had passed at booking), and the one it went out for. */
  panelReminderPlannedFor: string | null;
  panelReminderSentFor: string | null;
  followUp: FollowUpState;
  invitationsResent: number;
  /**
   * The zone the candidate's email shows times in: the invitation's guess until the candidate
   * books or reschedules from a page set to another. Absent in states answered before it existed.
   */
  candidateTimezone?: string;
  /** Where to join: known at the invitation for Jitsi, once the room exists for an API provider. */
  meetingUrl: string | null;
  /** Whether the candidate opted in to texts (with a number on the interview). Absent before SMS: no. */
  smsOptIn?: boolean;
  /** Offsets (ms) of the SMS reminders planned for the booked time; sent ones are in `remindersSent` as `<start>|<offset>|sms`. */
  smsRemindersPlanned?: number[];
  /** Answers of the current panel (absent before answers existed). */
  panelAnswers?: PanelAnswer[];
  /** When the unanswered members are nudged, and whether they were (absent before answers existed). */
  answerNudge?: { at: string; sent: boolean } | null;
  /** Open while the candidate may choose a new time for a panel that could not be completed. */
  repickOffer?: RepickOffer | null;
  /** The candidate's windows, while none of the offered times worked (docs/adr/0071). */
  availability?: AvailabilityState | null;
  /** Waiting for an earlier time (docs/adr/0072), and the earlier time held for the candidate now. */
  waitlist?: WaitlistState | null;
  hold?: HoldOffer | null;
}

/** The windows the candidate sent, already checked and in UTC (booking's normaliseWindows). */
export interface AvailabilitySubmission {
  windows: AvailabilityWindow[];
  timezone: string;
  note?: string;
}

/**
 * A loop's word to its sessions (docs/adr/0077): the candidate's windows, which the loop searches
 * for whole itineraries and each session records (its page, HR's view, the webhook); HR told,
 * through the first session, that nothing fitted in time; and an earlier itinerary held, offered
 * through the first session's email and texts.
 */
export type LoopWindowsNotice =
  | { kind: 'record'; availability: AvailabilityState }
  | { kind: 'unmatched'; nearest: string[] }
  /** An earlier itinerary held for the candidate (docs/adr/0077): the first session sends the offer. */
  | { kind: 'holdOffer'; hold: { id: string; start: string; end: string; expiresAt: string; purpose?: 'window' } }
  /** That hold ended unused (declined, expired, no longer wanted): the first session's timeline says so. */
  | { kind: 'holdEnded'; detail: string };

/** The candidate's texts as a booking or a move sets them; left out, they stay as they were. */
export interface SmsChoice {
  /** E.164, parsed by booking. */
  phone?: string;
  sms?: boolean;
}

export interface SlotRequest extends SmsChoice {
  start: string;
  /** The candidate's chosen IANA zone; it replaces the stored one (absent: unchanged, e.g. HR moving it). */
  timezone?: string;
  /** `candidate`, or the HR user acting on the candidate's behalf. */
  actor?: string;
  reason?: string;
  /**
   * Sent only by the session's loop: the claim the loop holds for this session at `start`, under
   * the session's own claim id. The lifecycle books on it instead of claiming again (docs/adr/0039).
   */
  loopClaim?: SlotState;
}
export interface AttendanceRequest {
  attended: boolean;
  actor: string;
}
export interface FeedbackSubmitted {
  interviewerId: string;
}
/** The candidate's data is being erased (docs/adr/0030): an open interview is cancelled (the candidate told only when `notify`), the panel's calendar event removed, and the lifecycle ends. */
export interface EraseRequest {
  actor: string;
  notify: boolean;
}
export interface CancelRequest {
  reason?: string;
  actor: string;
}
export interface OutcomeRequest {
  outcome: FinalOutcome;
  actor: string;
}
export interface RetakeRequest {
  newInterviewId: string;
  actor: string;
}


/** The line ops see beside each lifecycle in the Temporal UI. */
export function lifecycleSummary(input: Pick<LifecycleInput, 'kindLabel' | 'candidateName' | 'attempt' | 'previousInterviewId'>) {
  const retake = input.previousInterviewId ? ` (retake of ${interviewWorkflowId(input.previousInterviewId)})` : '';
  return `${input.kindLabel} — ${input.candidateName} — attempt ${input.attempt}${retake}`;
}
