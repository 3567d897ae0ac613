import { Schema } from 'mongoose';
import {
  CALENDAR_PROBLEM_CODES,
  type CalendarBusyDocument,
  type CalendarConnectionDocument,
  type CalendarProblemRecord,
  type CalendarWriteStatusDocument,
} from './calendar-documents';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

const problemSchema = embedded<CalendarProblemRecord>({ code: { type: String, enum: CALENDAR_PROBLEM_CODES, required: true }, message: requiredString });
const nullableDate = { type: Date, default: null } as const;

export const calendarConnectionSchema = validateUpdates(
  new Schema<CalendarConnectionDocument>(
    {
      _id: requiredString,
      serverUrl: requiredString,
      username: requiredString,
      secret: { type: embedded({ iv: requiredString, tag: requiredString, data: requiredString }), required: true },
      readCalendarUrl: requiredString,
      writeCalendarUrl: requiredString,
      connectedBy: requiredString,
      updatedAt: requiredDate,
    },
    STRICT,
  ),
);

export const calendarBusySchema = validateUpdates(
  new Schema<CalendarBusyDocument>(
    {
      _id: requiredString,
      readCalendarUrl: requiredString,
      connectionUpdatedAt: requiredDate,
      busy: { type: String, default: '', validate: (value: unknown) => typeof value === 'string' },
      busyCount: { type: Number, required: true, min: 0 },
      coveredFrom: nullableDate,
      coveredUntil: nullableDate,
      ctag: { type: String, default: null },
      writeCtag: { type: String, default: null },
      lastSyncedAt: nullableDate,
      lastAttemptAt: requiredDate,
      failingSince: nullableDate,
      problem: { type: problemSchema, default: null },
      warnings: { type: [String], default: [] },
    },
    STRICT,
  ),
);

export const calendarWriteStatusSchema = validateUpdates(
  new Schema<CalendarWriteStatusDocument>(
    {
      _id: requiredString,
      lastWrittenAt: nullableDate,
      failingSince: nullableDate,
      problem: { type: problemSchema, default: null },
      interviewId: { type: String, default: null },
    },
    STRICT,
  ),
);
