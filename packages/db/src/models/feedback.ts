import { Schema } from 'mongoose';
import { RATINGS, RECOMMENDATIONS, type FeedbackLinkDocument, type ScorecardDocument } from '../documents';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** Inserted by booking under `<interview>|<interviewer>`: the second of two racing submissions collides. */
export const scorecardSchema = validateUpdates(
  new Schema<ScorecardDocument>(
    {
      _id: requiredString,
      interviewId: requiredString,
      interviewerId: requiredString,
      rating: { type: Number, enum: RATINGS, required: true },
      recommendation: { type: String, enum: RECOMMENDATIONS, required: true },
      notes: { type: String, default: '', maxlength: 5000 },
      submittedAt: requiredDate,
      updatedAt: requiredDate,
    },
    STRICT,
  ),
);
scorecardSchema.index({ interviewId: 1 });

export const feedbackLinkSchema = validateUpdates(
  new Schema<FeedbackLinkDocument>(
    {
      _id: requiredString,
      interviewId: requiredString,
      interviewerId: requiredString,
      jti: requiredString,
      expiresAt: requiredDate,
    },
    STRICT,
  ),
);
