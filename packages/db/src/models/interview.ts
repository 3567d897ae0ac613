import { INTERVIEW_STATUSES, OUTCOMES } from '@portal/shared/status';
import { INTERVIEW_KIND_NAMES } from '@portal/shared/interview-kinds';
import { Schema } from 'mongoose';
import type { AuditEventDocument, BookedSlot, InterviewDocument, ListCountsDocument, ListMove, ListRowsDocument, ListMovesDocument } from '../documents';
import { STRICT, embedded, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

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
        durationMinutes: { type: Number, required: true, min: 1 },
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

const listMoveSchema = embedded<ListMove>({ countKey: requiredString, day: { type: Number, required: true }, row: requiredString, by: { type: Number, required: true } });

export const listMovesSchema = validateUpdates(
  new Schema<ListMovesDocument>(
    {
      _id: requiredString,
      at: requiredDate,
      moves: { type: [listMoveSchema], required: true },
      folded: { type: Boolean, required: true },
    },
    STRICT,
  ),
);

listMovesSchema.index({ folded: 1 });

export const listCountsSchema = validateUpdates(
  new Schema<ListCountsDocument>(
    {
      _id: requiredString,
      // day → count: plain data, checked by the fold that alone writes it.
      byDay: { type: Schema.Types.Mixed, required: true },
      lastFolded: { type: [String], default: [] },
      foldedAt: requiredDate,
    },
    STRICT,
  ),
);

export const listRowsSchema = validateUpdates(new Schema<ListRowsDocument>({ _id: requiredString, rows: { type: [String], required: true } }, STRICT));

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
