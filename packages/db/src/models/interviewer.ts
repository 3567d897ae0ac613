import { teamOwned } from './team-scope';
import type { InterviewerAvailability } from '@portal/shared/slots';
import { Schema } from 'mongoose';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

export interface InterviewerDocument {
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  name: string;
  email: string;
  timezone: string;
  weekly: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; ranges: { start: string; end: string }[] }[];
  overrides: { date: string; ranges: { start: string; end: string }[] }[];
  timeOff: { start: Date; end: Date }[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  maxPerDay: number;
  /** Interviews per (UTC, Monday-based) week and per UTC month, beside the daily cap; absent or null: no limit. */
  weeklyLimit?: number | null;
  monthlyLimit?: number | null;
  active: boolean;
  updatedAt: Date;
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

const timeRangeSchema = embedded<{ start: string; end: string }>({
  start: { type: String, required: true, match: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/ },
  end: { type: String, required: true, match: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/ },
});

const weeklySchema = embedded<InterviewerDocument['weekly'][number]>({
  weekday: { type: Number, required: true, min: 1, max: 7 },
  ranges: { type: [timeRangeSchema], default: [] },
});

const overrideSchema = embedded<InterviewerDocument['overrides'][number]>({
  date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  ranges: { type: [timeRangeSchema], default: [] },
});

const timeOffSchema = embedded<InterviewerDocument['timeOff'][number]>({ start: requiredDate, end: requiredDate });

/** A small collection (one document per interviewer, not per interview): read whole when needed. */
export const interviewerSchema = teamOwned(
  validateUpdates(
  new Schema<InterviewerDocument>(
    {
        _id: requiredString,
        name: requiredString,
        email: requiredString,
        timezone: requiredString,
        weekly: { type: [weeklySchema], default: [] },
        overrides: { type: [overrideSchema], default: [] },
        timeOff: { type: [timeOffSchema], default: [] },
        bufferBeforeMinutes: { type: Number, required: true, min: 0 },
        bufferAfterMinutes: { type: Number, required: true, min: 0 },
        maxPerDay: { type: Number, required: true, min: 1 },
        weeklyLimit: { type: Number, min: 1, default: null },
        monthlyLimit: { type: Number, min: 1, default: null },
        active: { type: Boolean, required: true },
    },
    { ...STRICT, timestamps: { createdAt: false, updatedAt: true } },
  ),
),
);
