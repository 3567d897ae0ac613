import type { InterviewStatus, Outcome } from '@portal/shared/status';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import type { InterviewerAvailability } from '@portal/shared/slots';
import type { EmailKind } from '@portal/shared/email';
import { HR_ROLES, type HrRole } from '@portal/shared/hr-user-inputs';
import { interviewSearchKeys, type InterviewSearchKeys } from './interview-search';
import { listKeysOf } from './interview-list';

/** The collections the services meet in. One writer per document, see README "Data rules". */
export const COLLECTIONS = {
  interviews: 'interviews',
  interviewers: 'interviewers',
  slotClaims: 'slot_claims',
  dayClaims: 'day_claims',
  weekSeats: 'week_seats',
  auditEvents: 'audit_events',
  messages: 'messages',
  sendTakeovers: 'message_send_takeovers',
  undeliverable: 'undeliverable_addresses',
  activeLocks: 'active_interview_locks',
  scorecards: 'scorecards',
  feedbackLinks: 'feedback_links',
  listMoves: 'interview_list_moves',
  listCounts: 'interview_list_counts',
  listRows: 'interview_list_rows',
  hrUsers: 'hr_users',
  hrSessions: 'hr_sessions',
  hrUserEvents: 'hr_user_events',
  calendarConnections: 'calendar_connections',
  calendarBusy: 'calendar_busy',
  calendarWriteStatus: 'calendar_write_status',
} as const;

export interface BookedSlot {
  start: Date;
  end: Date;
  /** The first panel member; `interviewerIds` names them all. */
  interviewerId: string;
  interviewerIds: string[];
  claimId: string;
}

/** Week buckets of the HR list, `<value>|w<week of createdAt>`: see interview-list.ts. */
export interface InterviewListKeys {
  listAll: string;
  listStatus: string;
  listOutcome: string;
  listStatusOutcome: string;
}

export interface InterviewDocument extends InterviewSearchKeys, InterviewListKeys {
  _id: string;
  candidateName: string;
  candidateEmail: string;
  candidateTimezone: string;
  position: string;
  kind: InterviewKind;
  durationMinutes: number;
  interviewerIds: string[];
  /** How many of the pool sit at once. */
  panelSize: number;
  attempt: number;
  previousInterviewId: string | null;
  nextInterviewId: string | null;
  status: InterviewStatus;
  outcome: Outcome;
  tokenJti: string;
  tokenExpiresAt: Date;
  slot: BookedSlot | null;
  /** UTC day (YYYY-MM-DD) of the booked slot's start: the HR list's date filter is equality on it. */
  slotDay: string | null;
  rescheduleCount: number;
  rescheduleLimit: number;
  joinedAt: Date | null;
  completedAt: Date | null;
  meetingUrl: string;
  cancelReason: string | null;
  /** Bumped on every persisted change; also the .ics SEQUENCE. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const RATINGS = [1, 2, 3, 4] as const;
export const RECOMMENDATIONS = ['STRONG_YES', 'YES', 'NO', 'STRONG_NO'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** One interviewer's scorecard for one interview: `<interviewId>|<interviewerId>`, so a second submission collides. */
export interface ScorecardDocument {
  _id: string;
  interviewId: string;
  interviewerId: string;
  rating: (typeof RATINGS)[number];
  recommendation: Recommendation;
  notes: string;
  submittedAt: Date;
  updatedAt: Date;
}

/** The one valid feedback link of an interviewer for an interview (its jti), written by the lifecycle. */
export interface FeedbackLinkDocument {
  _id: string;
  interviewId: string;
  interviewerId: string;
  jti: string;
  expiresAt: Date;
}

export const scorecardId = (interviewId: string, interviewerId: string) => `${interviewId}|${interviewerId}`;

/** One change's effect on the HR list's counts. */
export interface ListMove {
  countKey: string;
  /** Days since the epoch (UTC) of the interview's creation: its bucket. */
  day: number;
  by: number;
  /** `<createdAt ISO>|<interview id>`: the interview's row in that day's rows. */
  row: string;
}

/** A change's moves, not yet folded into the counts; `_id` is the change's own key. */
export interface ListMovesDocument {
  _id: string;
  at: Date;
  moves: ListMove[];
  /** Added to the counts already; kept a day so a retried change meets its own key. */
  folded: boolean;
}

/** Interviews per day for one way of listing (`_id` is its count key); written only by the fold. */
export interface ListCountsDocument {
  _id: string;
  byDay: Record<string, number>;
  lastFolded: string[];
  foldedAt: Date;
}

/** The interviews of one day for one way of listing (`_id` is `<count key>|d<day>`), as rows; written only by the fold. */
export interface ListRowsDocument {
  _id: string;
  rows: string[];
}

export interface AuditEventDocument {
  _id: string;
  interviewId: string;
  at: Date;
  actor: string;
  type: string;
  fromStatus: InterviewStatus | null;
  toStatus: InterviewStatus | null;
  detail: string;
}

export interface ActiveLockDocument {
  _id: string;
  interviewId: string;
  createdAt: Date;
}

export interface SlotClaimDocument {
  /** `<interviewerId>|<cell>`: the unique key that makes a claim atomic. */
  _id: string;
  interviewerId: string;
  cell: number;
  claimId: string;
  interviewId: string;
  createdAt: Date;
}

/**
 * One of an interviewer's daily seats, and the interviewer's busy time for one booking: the slot
 * listing reads these by interviewer instead of scanning interviews (see busy-times.ts).
 */
export interface DayClaimDocument {
  /** `<interviewerId>|<local day>|<seat>`. */
  _id: string;
  claimId: string;
  interviewId: string;
  interviewerId: string;
  start: Date;
  end: Date;
  createdAt: Date;
}

/**
 * One booking of an interviewer in one (UTC, Monday-based) week, taken only when the claim chose
 * that interviewer from a larger pool: seats are numbered from the week's count as the claim read
 * it, so two claims that read the same count for the same interviewer race for one seat, and the
 * loser learns of the other booking before it chooses again (docs/adr/0016).
 */
export interface WeekSeatDocument {
  /** `<interviewerId>|<week>|<seat>`. */
  _id: string;
  claimId: string;
  interviewId: string;
  interviewerId: string;
  createdAt: Date;
}

export interface InterviewerDocument {
  _id: string;
  name: string;
  email: string;
  timezone: string;
  weekly: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; ranges: { start: string; end: string }[] }[];
  overrides: { date: string; ranges: { start: string; end: string }[] }[];
  timeOff: { start: Date; end: Date }[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  maxPerDay: number;
  active: boolean;
  updatedAt: Date;
}

/**
 * SENDING/RETRYING: not yet accepted by Postmark. SENT: accepted (has messageId). FAILED: refused for good.
 * DELIVERED/BOUNCED/SPAM_COMPLAINT: what Postmark's webhook later reported for an accepted message.
 */
export const MESSAGE_STATUSES = ['SENDING', 'RETRYING', 'SENT', 'FAILED', 'DELIVERED', 'BOUNCED', 'SPAM_COMPLAINT'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses that mean Postmark has the message: sending it again would be a duplicate. */
export const ACCEPTED_STATUSES: readonly MessageStatus[] = ['SENT', 'DELIVERED', 'BOUNCED', 'SPAM_COMPLAINT'];

export interface MessageEvent {
  type: string;
  at: Date;
  details?: string;
}

export interface MessageLogEntry {
  /** The idempotency key: (interview, kind, slot start[, offset]). */
  _id: string;
  interviewId: string;
  kind: EmailKind;
  to: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  messageId?: string;
  errorCode?: number;
  error?: string;
  sentAt?: Date;
  /** The interview's audit line once this message is sent (a reminder's "24h reminder sent"). */
  audit?: string;
  events: MessageEvent[];
  createdAt: Date;
  updatedAt: Date;
}

/** One row per retry that took over a message: `<idempotencyKey>#<attempt>`, unique, so only one taker wins. */
export interface SendTakeoverDocument {
  _id: string;
  at: Date;
}

/** Addresses Postmark will not deliver to any more (hard bounce, spam complaint, deactivated), for HR to see and fix. */
export interface UndeliverableAddress {
  /** The address, lower-cased. */
  _id: string;
  reason: string;
  bounceType?: string;
  at: Date;
  messageId?: string;
  interviewId?: string;
}

export { HR_ROLES, type HrRole };

export interface HrUserDocument {
  _id: string;
  email: string;
  role: HrRole;
  passwordHash: string;
  createdAt: Date;
  /** A disabled user cannot sign in; their sessions are ended when they are disabled. */
  disabled: boolean;
  lastSignInAt: Date | null;
}

/** Who did what to which HR user: the audit trail of the users page. */
export interface HrUserEventDocument {
  _id: string;
  userId: string;
  at: Date;
  /** The email of the admin who acted. */
  actor: string;
  action: 'created' | 'disabled' | 'enabled' | 'password_reset' | 'role_changed';
  detail: string;
}

export interface HrSessionDocument {
  _id: string;
  userId: string;
  email: string;
  role: HrRole;
  expiresAt: Date;
  createdAt: Date;
}

/** At most one active interview per candidate and position: an insert on this key claims the right. */
export function activeLockKey(candidateEmail: string, position: string): string {
  return `${candidateEmail.trim().toLowerCase()}|${position.trim().toLowerCase()}`;
}

export function newInterviewDocument(
  fields: Pick<
    InterviewDocument,
    | '_id'
    | 'candidateName'
    | 'candidateEmail'
    | 'candidateTimezone'
    | 'position'
    | 'kind'
    | 'durationMinutes'
    | 'interviewerIds'
    | 'panelSize'
    | 'attempt'
    | 'previousInterviewId'
    | 'rescheduleLimit'
    | 'meetingUrl'
  >,
  now: Date,
): InterviewDocument {
  return {
    ...fields,
    ...interviewSearchKeys(fields),
    ...listKeysOf({ status: 'INVITED', outcome: 'PENDING', createdAt: now }),
    nextInterviewId: null,
    status: 'INVITED',
    outcome: 'PENDING',
    tokenJti: '',
    tokenExpiresAt: now,
    slot: null,
    slotDay: null,
    rescheduleCount: 0,
    joinedAt: null,
    completedAt: null,
    cancelReason: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The slot maths' view of an interviewer document. */
export function availabilityOf(doc: InterviewerDocument): InterviewerAvailability {
  return {
    interviewerId: doc._id,
    timezone: doc.timezone,
    weekly: doc.weekly,
    overrides: doc.overrides,
    timeOff: doc.timeOff,
    bufferBeforeMinutes: doc.bufferBeforeMinutes,
    bufferAfterMinutes: doc.bufferAfterMinutes,
    maxPerDay: doc.maxPerDay,
  };
}
