import type { InterviewStatus, Outcome } from './status';
import type { InterviewKind } from './interview-kinds';
import type { InterviewerAvailability } from './slot-types';

/** Collections the services meet in, and the shape each holds. One writer per document, see README. */
export const COLLECTIONS = {
  interviews: 'interviews',
  interviewers: 'interviewers',
  slotClaims: 'slot_claims',
  dayClaims: 'day_claims',
  auditEvents: 'audit_events',
  messages: 'messages',
  undeliverable: 'undeliverable_addresses',
  activeLocks: 'active_interview_locks',
  hrUsers: 'hr_users',
  hrSessions: 'hr_sessions',
} as const;

export interface BookedSlot {
  start: Date;
  end: Date;
  interviewerId: string;
  claimId: string;
}

export interface InterviewDocument {
  _id: string;
  candidateName: string;
  candidateEmail: string;
  candidateTimezone: string;
  position: string;
  kind: InterviewKind;
  durationMinutes: number;
  interviewerIds: string[];
  attempt: number;
  previousInterviewId: string | null;
  nextInterviewId: string | null;
  status: InterviewStatus;
  outcome: Outcome;
  tokenJti: string;
  tokenExpiresAt: Date;
  slot: BookedSlot | null;
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

/** At most one active interview per candidate and position: an insert on this key claims the right. */
export function activeLockKey(candidateEmail: string, position: string): string {
  return `${candidateEmail.trim().toLowerCase()}|${position.trim().toLowerCase()}`;
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

export interface DayClaimDocument {
  /** `<interviewerId>|<local day>|<seat>`: one of the interviewer's daily seats. */
  _id: string;
  claimId: string;
  interviewId: string;
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
    | 'attempt'
    | 'previousInterviewId'
    | 'rescheduleLimit'
    | 'meetingUrl'
  >,
  now: Date,
): InterviewDocument {
  return {
    ...fields,
    nextInterviewId: null,
    status: 'INVITED',
    outcome: 'PENDING',
    tokenJti: '',
    tokenExpiresAt: now,
    slot: null,
    rescheduleCount: 0,
    joinedAt: null,
    completedAt: null,
    cancelReason: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** MongoDB and FerretDB both answer a unique-key clash with code 11000: the "already taken" signal. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
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

/**
 * Reads documents by id one `_id` lookup at a time. FerretDB v1 pushes down only a lone `_id`
 * equality; an `$in` over ids scans the whole collection, which a handful of lookups beats.
 */
export async function findByIds<T>(findOne: (id: string) => Promise<T | null>, ids: readonly string[]): Promise<T[]> {
  const found = await Promise.all([...new Set(ids)].map(findOne));
  return found.filter((doc): doc is Awaited<T> => doc !== null);
}
