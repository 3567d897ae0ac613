import { Schema } from 'mongoose';
import {
  CALENDAR_PROBLEM_CODES,
  CALENDAR_PROVIDERS,
  type CalendarBusyDocument,
  type CalendarChannelDocument,
  type OrganisationCalendarDocument,
  type CalendarConnectionDocument,
  type CalendarProblemRecord,
  type CalendarWriteStatusDocument,
  type CalendarGrantStartDocument,
  type CalendarGrantUseDocument,
} from './calendar-documents';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

const problemSchema = embedded<CalendarProblemRecord>({ code: { type: String, enum: CALENDAR_PROBLEM_CODES, required: true }, message: requiredString });
const nullableDate = { type: Date, default: null } as const;

export const calendarConnectionSchema = validateUpdates(
  new Schema<CalendarConnectionDocument>(
    {
      _id: requiredString,
      // The fields of each provider's connection (CalendarConnectionDocument is their union); booking, the one writer, writes them whole.
      provider: { type: String, enum: CALENDAR_PROVIDERS },
      serverUrl: String,
      username: String,
      secret: embedded({ iv: requiredString, tag: requiredString, data: requiredString }),
      readCalendarUrl: String,
      writeCalendarUrl: String,
      grant: { type: String, enum: ['organisation', 'own'] },
      calendarId: String,
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
      marker: { type: String, default: null },
      retryAt: nullableDate,
      rateLimitedTimes: { type: Number, default: 0, min: 0 },
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

const sealedSecret = { type: embedded({ iv: requiredString, tag: requiredString, data: requiredString }), required: true } as const;

export const organisationCalendarSchema = validateUpdates(
  new Schema<OrganisationCalendarDocument>(
    {
      _id: { type: String, enum: CALENDAR_PROVIDERS, required: true },
      account: requiredString,
      tenantId: String,
      secret: sealedSecret,
      source: { type: String, enum: ['env', 'console'], required: true },
      connectedBy: requiredString,
      updatedAt: requiredDate,
    },
    STRICT,
  ),
);

export const calendarChannelSchema = validateUpdates(
  new Schema<CalendarChannelDocument>(
    {
      _id: requiredString,
      interviewerId: requiredString,
      provider: { type: String, enum: CALENDAR_PROVIDERS, required: true },
      calendarId: requiredString,
      resourceId: requiredString,
      expiresAt: nullableDate,
      connectionUpdatedAt: requiredDate,
      openedAt: requiredDate,
    },
    STRICT,
  ),
);
calendarChannelSchema.index({ interviewerId: 1 });
// Graph's notifications name the subscription, kept as the channel's resourceId.
calendarChannelSchema.index({ resourceId: 1 });

export const calendarGrantStartSchema = validateUpdates(
  new Schema<CalendarGrantStartDocument>(
    {
      _id: requiredString,
      interviewerId: requiredString,
      provider: { type: String, enum: ['google', 'microsoft'], required: true },
      verifier: sealedSecret,
      startedBy: requiredString,
      locale: { type: String, required: false },
      createdAt: requiredDate,
      expiresAt: requiredDate,
    },
    STRICT,
  ),
);

export const calendarGrantUseSchema = validateUpdates(new Schema<CalendarGrantUseDocument>({ _id: requiredString, usedAt: requiredDate }, STRICT));
