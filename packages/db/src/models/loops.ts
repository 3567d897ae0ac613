import { teamOwned } from './team-scope';
import { Schema } from 'mongoose';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import type { LoopRules } from '@portal/shared/loops';
import { STRICT, embedded, requiredDate, requiredNumber, requiredString, validateUpdates } from './strict-schema';
import { holdRecordSchema, waitlistRecordSchema, type HoldRecord, type WaitlistRecord } from './interview';

/** One session as a template or a loop lays it out; a loop's sessions carry their fixed length and panel. */
export interface LoopSessionSpec {
  title: string;
  kind: InterviewKind;
  durationMinutes: number | null;
  interviewerIds: string[];
  panelSize: number | null;
}

/** HR's loop for a position (issue 35): ordered sessions and the layout rules, one writer (HR). */
export interface LoopTemplateDocument {
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  name: string;
  position: string;
  sessions: LoopSessionSpec[];
  rules: LoopRules;
  updatedAt: Date;
  updatedBy: string;
}

/** One candidate's loop, written once at the invitation; each session is an interview with its lifecycle. */
export interface LoopDocument {
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  candidateEmail: string;
  position: string;
  templateId: string | null;
  rules: LoopRules;
  sessions: (LoopSessionSpec & { interviewId: string })[];
  /** The candidate's data key: the loop's own workflow is sealed with it (docs/adr/0030); null for loops from before. */
  candidateKeyId?: string | null;
  createdAt: Date;
  /** Waiting for an earlier itinerary, and the one held (docs/adr/0077): written by the loop's workflow only. */
  waitlist?: WaitlistRecord | null;
  hold?: HoldRecord | null;
}

/** Which loop an interview belongs to, read by `_id` (the interview id) on the candidate's path. */
export interface LoopSessionDocument {
  _id: string;
  loopId: string;
  index: number;
}

const rulesSchema = embedded<LoopRules>({
  order: { type: String, enum: ['fixed', 'free'], required: true },
  minBreakMinutes: requiredNumber,
  maxBreakMinutes: requiredNumber,
  days: requiredNumber,
  maxSessionsPerDay: requiredNumber,
});

const sessionDefinition = {
  title: requiredString,
  kind: requiredString,
  durationMinutes: { type: Number, default: null },
  interviewerIds: { type: [String], required: true },
  panelSize: { type: Number, default: null },
} as const;

export const loopTemplateSchema = teamOwned(
  validateUpdates(
  new Schema<LoopTemplateDocument>(
    {
      _id: requiredString,
      name: requiredString,
      position: requiredString,
      sessions: { type: [embedded<LoopSessionSpec>(sessionDefinition)], required: true },
      rules: { type: rulesSchema, required: true },
      updatedAt: requiredDate,
      updatedBy: requiredString,
    },
    STRICT,
  ),
),
);

export const loopSchema = teamOwned(
  validateUpdates(
  new Schema<LoopDocument>(
    {
      _id: requiredString,
      candidateEmail: requiredString,
      position: requiredString,
      templateId: { type: String, default: null },
      rules: { type: rulesSchema, required: true },
      sessions: { type: [embedded<LoopDocument['sessions'][number]>({ ...sessionDefinition, interviewId: requiredString })], required: true },
      candidateKeyId: { type: String, default: null },
      createdAt: requiredDate,
      waitlist: { type: waitlistRecordSchema, default: undefined },
      hold: { type: holdRecordSchema, default: undefined },
    },
    STRICT,
  ),
), { positionField: 'position' },
);

export const loopSessionSchema = validateUpdates(
  new Schema<LoopSessionDocument>({ _id: requiredString, loopId: requiredString, index: requiredNumber }, STRICT),
);
