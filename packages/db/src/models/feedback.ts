import { Schema } from 'mongoose';
import type { KitAnswers } from '@portal/shared/kits';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

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
  /** The answers to the interview's kit by question id (issue 50); {} for a kit without questions and before kits. */
  answers?: KitAnswers;
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
      // Checked against the interview's kit by booking before any write (kitAnswersProblems).
      answers: { type: Schema.Types.Mixed, default: () => ({}) },
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
