import { INTERVIEW_STATUSES, OUTCOMES, type InterviewStatus, type Outcome } from '@portal/shared/status';
import { INTERVIEW_KIND_NAMES, type InterviewKind } from '@portal/shared/interview-kinds';
import type { NoticeRules } from '@portal/shared/notice';
import { Schema } from 'mongoose';
import type { InterviewSearchKeys } from '../interview-search';
import { noticeRulesSchema } from './kind-settings';
import { STRICT, embedded, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

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
  /**
   * Notice, horizon and change cutoff fixed at the invitation (the lifecycle holds the same values).
   * Absent on interviews invited before they were per kind: the environment's values.
   */
  notice?: NoticeRules | null;
  joinedAt: Date | null;
  completedAt: Date | null;
  meetingUrl: string;
  cancelReason: string | null;
  /** Bumped on every persisted change; also the .ics SEQUENCE. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const bookedSlotSchema = embedded<BookedSlot>({
  start: requiredDate,
  end: requiredDate,
  interviewerId: requiredString,
  interviewerIds: { type: [String], required: true },
  claimId: requiredString,
});

export const interviewSchema = validateUpdates(
  new Schema<InterviewDocument>(
    {
        _id: requiredString,
        candidateName: requiredString,
        candidateEmail: requiredString,
        candidateTimezone: requiredString,
        position: requiredString,
        kind: { type: String, enum: INTERVIEW_KIND_NAMES, required: true },
        // A second at the least: tests and demos run whole interviews in seconds (INTERVIEW_DURATION_MINUTES).
        durationMinutes: { type: Number, required: true, min: 1 / 60 },
        interviewerIds: { type: [String], required: true },
        panelSize: { type: Number, required: true, min: 1 },
        attempt: { type: Number, required: true, min: 1 },
        previousInterviewId: { type: String, default: null },
        nextInterviewId: { type: String, default: null },
        status: { type: String, enum: INTERVIEW_STATUSES, required: true },
        outcome: { type: String, enum: OUTCOMES, required: true },
        tokenJti: presentString,
        tokenExpiresAt: requiredDate,
        slot: { type: bookedSlotSchema, default: null },
        slotDay: { type: String, default: null },
        rescheduleCount: { type: Number, required: true, min: 0 },
        rescheduleLimit: { type: Number, required: true, min: 0 },
        notice: { type: noticeRulesSchema, default: null },
        joinedAt: { type: Date, default: null },
        completedAt: { type: Date, default: null },
        meetingUrl: requiredString,
        cancelReason: { type: String, default: null },
        version: { type: Number, required: true, min: 0 },
        emailKey: requiredString,
        nameKey: requiredString,
        firstNameKey: requiredString,
        lastNameKey: requiredString,
        positionKey: requiredString,
        listAll: requiredString,
        listStatus: requiredString,
        listOutcome: requiredString,
        listStatusOutcome: requiredString,
    },
    { ...STRICT, timestamps: true },
  ),
);
// The HR list's keys (interview-search.ts, the booking service's interview-list.ts): each is read by top-level
// equality. The list* keys are read by no query: they name the interview's place, so a change knows its moves.
const LISTED_BY = ['emailKey', 'nameKey', 'firstNameKey', 'lastNameKey', 'positionKey', 'slotDay'] as const;
for (const field of LISTED_BY) {
  interviewSchema.index({ [field]: 1 });
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

export const auditEventSchema = validateUpdates(
  new Schema<AuditEventDocument>(
    {
      _id: requiredString,
      interviewId: requiredString,
      at: requiredDate,
      actor: requiredString,
      type: requiredString,
      fromStatus: { type: String, enum: [...INTERVIEW_STATUSES, null], default: null },
      toStatus: { type: String, enum: [...INTERVIEW_STATUSES, null], default: null },
      detail: presentString,
    },
    STRICT,
  ),
);
auditEventSchema.index({ interviewId: 1 });
