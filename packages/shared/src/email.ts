/** What the lifecycle asks the notifications service to send, and how the two meet in Temporal. */
import type { HoldPurpose } from './waitlist';
export const NOTIFICATIONS_TASK_QUEUE = 'notifications';

export const EMAIL_KINDS = [
  'invitation',
  'confirmation',
  'rescheduled',
  'cancelled',
  'reminder',
  'expired',
  'no_show',
  'retake_invitation',
  'thank_you',
  'interviewer_invitation',
  'interviewer_update',
  'interviewer_cancelled',
  'interviewer_reminder',
  'feedback_request',
  'feedback_nudge',
  'feedback_overdue',
  'decision_due',
  'meeting_link',
  'interviewer_answer_nudge',
  'panel_changed',
  'repick_offer',
  'panel_unfilled',
  'loop_rebook_offered',
  'availability_unmatched',
  'hold_offer',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** Kinds that go to HR; interviewer kinds name their recipient in the facts, every other kind goes to the candidate. */
export const HR_EMAIL_KINDS: readonly EmailKind[] = ['feedback_overdue', 'decision_due', 'panel_unfilled', 'loop_rebook_offered', 'availability_unmatched'];

export interface Person {
  name: string;
  email: string;
  /** IANA zone the person reads times in (interviewers: their own). */
  timezone?: string;
}

export interface InterviewEmailFacts {
  interviewId: string;
  candidateName: string;
  candidateEmail: string;
  candidateTimezone: string;
  position: string;
  kindLabel: string;
  attempt: number;
  /** Candidate link: book / manage. */
  link: string;
  /** ISO instants of the booked slot, when there is one. */
  start?: string;
  end?: string;
  interviewerTimezone?: string;
  meetingUrl?: string;
  /** The meeting's room is being created and its link follows by email (docs/adr/0028). */
  meetingLinkPending?: boolean;
  /** Minutes before the start, for reminders. */
  reminderOffsetMinutes?: number;
  cancelReason?: string;
  /** ISO instant, for invitations. */
  linkExpiresAt?: string;
  /** Increases with every change of the booking, for the .ics SEQUENCE. */
  calendarSequence: number;
  hrEmail: string;
  /** Who receives it when not the candidate: an interviewer, or HR. */
  recipient?: Person;
  /** The booked panel (ATTENDEEs of the calendar entry, names in the emails). */
  panel?: Person[];
  /** An interviewer's scorecard link (feedback request and nudge). */
  feedbackLink?: string;
  /** Interviewers whose scorecard is missing (HR's overdue notice). */
  pendingFeedbackFrom?: string[];
  /** When HR's decision is due (thank-you and decision nudge). */
  decisionDueAt?: string;
  /** An interviewer's Accept and Decline links (their invitation and its nudge). */
  answerLinks?: { accept: string; decline: string };
  /** Who left the panel and who took the place, with why (panel changes, HR's notice). */
  panelChange?: { left: string; joined: string | null; reason: string };
  /** Until when the candidate may choose a new time (re-pick offer). */
  repickUntil?: string;
  /** The candidate's windows when nothing fitted them, with the free times nearest them (HR's notice, docs/adr/0071). */
  /** An earlier time held for the candidate until `expiresAt` (the waitlist's offer, docs/adr/0072). */
  hold?: { start: string; end: string; expiresAt: string; purpose?: HoldPurpose };
  availability?: { windows: { start: string; end: string }[]; timezone: string; note: string | null; nearest: string[] };
}

export interface SendEmailInput {
  kind: EmailKind;
  /** (interview, kind, slot start[, offset]): a retried activity never sends the same message twice. */
  idempotencyKey: string;
  facts: InterviewEmailFacts;
  /** The interview's audit line for this message once sent ("24h reminder sent"), kept on its log row. */
  audit?: string;
  /**
   * A reminder handed over ahead of its moment (ISO time): the notifications worker holds it until
   * then and sends it only if the interview is still booked for `facts.start` at that moment.
   */
  sendAt?: string;
}

/** The messages that also go by text to a candidate who opted in (docs/adr/0026). */
export const SMS_KINDS = ['confirmation', 'rescheduled', 'cancelled', 'reminder', 'hold_offer'] as const satisfies readonly EmailKind[];
export type SmsKind = (typeof SMS_KINDS)[number];
export type MessageChannel = 'email' | 'sms';

/**
 * A text to the candidate. The number is not in the request: the notifications worker reads it
 * (and the opt-in) from the interview when it sends, so a number changed or erased since is honoured.
 */
export interface SendSmsInput {
  kind: SmsKind;
  idempotencyKey: string;
  facts: InterviewEmailFacts;
  audit?: string;
  sendAt?: string;
}

/**
 * NO_LONGER_DUE: a held reminder whose interview was moved or cancelled while it was held; nothing was sent.
 * OPTED_OUT: a text to a number that replied STOP (or whose interview no longer opts in); nothing was sent.
 */
export type SentStatus = 'SENT' | 'FAILED' | 'DUPLICATE_SKIPPED' | 'NO_LONGER_DUE' | 'OPTED_OUT';

export interface SendEmailResult {
  status: SentStatus;
  messageId?: string;
  errorCode?: number;
}

/** The notifications worker's activities, as the workflow sees them (types only). */
export interface NotificationActivities {
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
  sendSms(input: SendSmsInput): Promise<SendEmailResult>;
}

export function emailIdempotencyKey(interviewId: string, kind: EmailKind, slotStart?: string, extra?: string): string {
  return [interviewId, kind, slotStart ?? '-', extra ?? '-'].join('|');
}

/** An email's key with the channel added: the same message by text is logged beside it, once. */
export function smsIdempotencyKey(interviewId: string, kind: SmsKind, slotStart?: string, extra?: string): string {
  return `${emailIdempotencyKey(interviewId, kind, slotStart, extra)}|sms`;
}
