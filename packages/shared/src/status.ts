import { DomainError } from './errors';

export const INTERVIEW_STATUSES = [
  'INVITED',
  'SCHEDULED',
  'IN_PROGRESS',
  'COMPLETED',
  'NO_SHOW',
  'EXPIRED',
  'CANCELLED',
  'ARCHIVED',
] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const OUTCOMES = ['PENDING', 'PASSED', 'FAILED', 'ON_HOLD'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type FinalOutcome = Exclude<Outcome, 'PENDING'>;

export const INTERVIEW_EVENTS = [
  'BOOK',
  'RESCHEDULE',
  'CANCEL',
  'EXPIRE',
  'WINDOW_OPENS',
  'WINDOW_CLOSES_JOINED',
  'WINDOW_CLOSES_ABSENT',
  'ARCHIVE_FOR_RETAKE',
] as const;
export type InterviewEvent = (typeof INTERVIEW_EVENTS)[number];

/** The lifecycle, once. Every writer of an interview's status goes through `transition`. */
export const TRANSITIONS: Readonly<Record<InterviewStatus, Partial<Record<InterviewEvent, InterviewStatus>>>> = {
  INVITED: { BOOK: 'SCHEDULED', CANCEL: 'CANCELLED', EXPIRE: 'EXPIRED' },
  SCHEDULED: { RESCHEDULE: 'SCHEDULED', CANCEL: 'CANCELLED', WINDOW_OPENS: 'IN_PROGRESS' },
  IN_PROGRESS: { WINDOW_CLOSES_JOINED: 'COMPLETED', WINDOW_CLOSES_ABSENT: 'NO_SHOW' },
  COMPLETED: { ARCHIVE_FOR_RETAKE: 'ARCHIVED' },
  NO_SHOW: { ARCHIVE_FOR_RETAKE: 'ARCHIVED' },
  EXPIRED: {},
  CANCELLED: {},
  ARCHIVED: {},
};

export function canApply(from: InterviewStatus, event: InterviewEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

/** The status `event` leads to from `from`; an illegal move is refused naming both. */
export function transition(from: InterviewStatus, event: InterviewEvent): InterviewStatus {
  const to = TRANSITIONS[from][event];
  if (to === undefined) {
    throw new DomainError('ILLEGAL_TRANSITION', `${event} is not allowed while the interview is ${from}`, {
      from,
      event,
    });
  }
  return to;
}

/** A persisted status change must be an edge of the table; the writer checks it before writing. */
export function assertEdge(from: InterviewStatus, to: InterviewStatus): void {
  const legal = Object.values(TRANSITIONS[from]).includes(to);
  if (!legal) {
    throw new DomainError('ILLEGAL_TRANSITION', `an interview cannot move from ${from} to ${to}`, { from, to });
  }
}

export const ACTIVE_STATUSES: readonly InterviewStatus[] = ['INVITED', 'SCHEDULED', 'IN_PROGRESS'];

/** COMPLETED / NO_SHOW become terminal once HR has set a final outcome. */
export function isTerminal(status: InterviewStatus, outcome: Outcome): boolean {
  if (status === 'COMPLETED' || status === 'NO_SHOW') return outcome !== 'PENDING';
  return status === 'EXPIRED' || status === 'CANCELLED' || status === 'ARCHIVED';
}

export const RETAKE_ELIGIBLE_OUTCOMES: readonly Outcome[] = ['FAILED', 'ON_HOLD'];
