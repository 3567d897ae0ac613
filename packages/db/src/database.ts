import mongoose, { type Connection, type Model } from 'mongoose';
import {
  COLLECTIONS,
  type ActiveLockDocument,
  type ApiKeyDocument,
  type ApiKeyUseDocument,
  type AuditEventDocument,
  type DayClaimDocument,
  type FeedbackLinkDocument,
  type HrSessionDocument,
  type HrUserDocument,
  type HrUserEventDocument,
  type InterviewDocument,
  type InterviewerDocument,
  type KindSettingsDocument,
  type InterviewKindDocument,
  type LoopDocument,
  type LoopSessionDocument,
  type LoopTemplateDocument,
  type ListCountsDocument,
  type ListRowsDocument,
  type ListMovesDocument,
  type MessageLogEntry,
  type PostmarkRecordDocument,
  type ScorecardDocument,
  type SendTakeoverDocument,
  type SlotClaimDocument,
  type SmsOptOutDocument,
  type UndeliverableAddress,
  type WeekSeatDocument,
  type LoadSeatDocument,
  type WebhookDeliveryDocument,
  type WebhookEndpointDocument,
  type WebhookEventDocument,
  type TeamDocument,
} from './documents';
import { teamSchema } from './models/team';
import type { CalendarBusyDocument, CalendarChannelDocument, CalendarConnectionDocument, CalendarGrantStartDocument, CalendarGrantUseDocument, CalendarWriteStatusDocument, OrganisationCalendarDocument } from './models/calendar-documents';
import { calendarBusySchema, calendarChannelSchema, calendarConnectionSchema, calendarGrantStartSchema, calendarGrantUseSchema, calendarWriteStatusSchema, organisationCalendarSchema } from './models/calendar';
import { apiKeySchema, apiKeyUseSchema } from './models/api-keys';
import { activeLockSchema, dayClaimSchema, loadSeatSchema, slotClaimSchema, weekSeatSchema } from './models/claims';
import { feedbackLinkSchema, scorecardSchema } from './models/feedback';
import { hrSessionSchema, hrUserEventSchema, hrUserSchema } from './models/hr';
import { auditEventSchema, availabilityWaitSchema, interviewSchema, waitlistEntrySchema, type AvailabilityWaitDocument, type WaitlistEntryDocument } from './models/interview';
import { listCountsSchema, listMovesSchema, listRowsSchema } from './models/interview-list';
import { interviewerSchema } from './models/interviewer';
import { kindSettingsSchema } from './models/kind-settings';
import { interviewKindSchema } from './models/interview-kind';
import { candidateDigestSchema, candidateKeySchema, erasureSchema, retentionPolicySchema, type CandidateDigestDocument, type CandidateKeyDocument, type ErasureDocument, type RetentionPolicyDocument } from './models/privacy';
import { messageLogSchema, postmarkRecordSchema, sendTakeoverSchema, smsOptOutSchema, undeliverableSchema } from './models/messages';
import { loopSchema, loopSessionSchema, loopTemplateSchema } from './models/loops';
import { webhookDeliverySchema, webhookEndpointSchema, webhookEventSchema } from './models/webhooks';

export interface Models {
  interviews: Model<InterviewDocument>;
  interviewers: Model<InterviewerDocument>;
  slotClaims: Model<SlotClaimDocument>;
  dayClaims: Model<DayClaimDocument>;
  weekSeats: Model<WeekSeatDocument>;
  loadSeats: Model<LoadSeatDocument>;
  auditEvents: Model<AuditEventDocument>;
  activeLocks: Model<ActiveLockDocument>;
  messages: Model<MessageLogEntry>;
  sendTakeovers: Model<SendTakeoverDocument>;
  undeliverable: Model<UndeliverableAddress>;
  postmarkRecords: Model<PostmarkRecordDocument>;
  smsOptOuts: Model<SmsOptOutDocument>;
  scorecards: Model<ScorecardDocument>;
  feedbackLinks: Model<FeedbackLinkDocument>;
  listMoves: Model<ListMovesDocument>;
  listCounts: Model<ListCountsDocument>;
  listRows: Model<ListRowsDocument>;
  hrUsers: Model<HrUserDocument>;
  hrSessions: Model<HrSessionDocument>;
  hrUserEvents: Model<HrUserEventDocument>;
  calendarConnections: Model<CalendarConnectionDocument>;
  calendarBusy: Model<CalendarBusyDocument>;
  calendarWriteStatus: Model<CalendarWriteStatusDocument>;
  organisationCalendars: Model<OrganisationCalendarDocument>;
  calendarChannels: Model<CalendarChannelDocument>;
  calendarGrantStarts: Model<CalendarGrantStartDocument>;
  calendarGrantUses: Model<CalendarGrantUseDocument>;
  /** HR's settings of the three kinds before kinds were data: read once, by the kinds' seeding. */
  kindSettings: Model<KindSettingsDocument>;
  interviewKinds: Model<InterviewKindDocument>;
  apiKeys: Model<ApiKeyDocument>;
  apiKeyUses: Model<ApiKeyUseDocument>;
  webhookEndpoints: Model<WebhookEndpointDocument>;
  webhookEvents: Model<WebhookEventDocument>;
  webhookDeliveries: Model<WebhookDeliveryDocument>;
  candidateKeys: Model<CandidateKeyDocument>;
  candidateDigests: Model<CandidateDigestDocument>;
  erasures: Model<ErasureDocument>;
  retentionPolicy: Model<RetentionPolicyDocument>;
  loopTemplates: Model<LoopTemplateDocument>;
  loops: Model<LoopDocument>;
  loopSessions: Model<LoopSessionDocument>;
  availabilityWaits: Model<AvailabilityWaitDocument>;
  waitlistEntries: Model<WaitlistEntryDocument>;
  teams: Model<TeamDocument>;
}

function model<T>(connection: Connection, name: string, schema: mongoose.Schema<T>, collection: string): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);
}

/** Every collection's model on `connection`; one set per connection, so a test can use its own database. */
export function modelsOn(connection: Connection): Models {
  return {
    interviews: model(connection, 'Interview', interviewSchema, COLLECTIONS.interviews),
    interviewers: model(connection, 'Interviewer', interviewerSchema, COLLECTIONS.interviewers),
    slotClaims: model(connection, 'SlotClaim', slotClaimSchema, COLLECTIONS.slotClaims),
    dayClaims: model(connection, 'DayClaim', dayClaimSchema, COLLECTIONS.dayClaims),
    weekSeats: model(connection, 'WeekSeat', weekSeatSchema, COLLECTIONS.weekSeats),
    loadSeats: model(connection, 'LoadSeat', loadSeatSchema, COLLECTIONS.loadSeats),
    auditEvents: model(connection, 'AuditEvent', auditEventSchema, COLLECTIONS.auditEvents),
    activeLocks: model(connection, 'ActiveLock', activeLockSchema, COLLECTIONS.activeLocks),
    messages: model(connection, 'Message', messageLogSchema, COLLECTIONS.messages),
    sendTakeovers: model(connection, 'SendTakeover', sendTakeoverSchema, COLLECTIONS.sendTakeovers),
    undeliverable: model(connection, 'UndeliverableAddress', undeliverableSchema, COLLECTIONS.undeliverable),
    postmarkRecords: model(connection, 'PostmarkRecord', postmarkRecordSchema, COLLECTIONS.postmarkRecords),
    smsOptOuts: model(connection, 'SmsOptOut', smsOptOutSchema, COLLECTIONS.smsOptOuts),
    scorecards: model(connection, 'Scorecard', scorecardSchema, COLLECTIONS.scorecards),
    feedbackLinks: model(connection, 'FeedbackLink', feedbackLinkSchema, COLLECTIONS.feedbackLinks),
    listMoves: model(connection, 'ListMoves', listMovesSchema, COLLECTIONS.listMoves),
    listCounts: model(connection, 'ListCounts', listCountsSchema, COLLECTIONS.listCounts),
    listRows: model(connection, 'ListRows', listRowsSchema, COLLECTIONS.listRows),
    hrUsers: model(connection, 'HrUser', hrUserSchema, COLLECTIONS.hrUsers),
    hrSessions: model(connection, 'HrSession', hrSessionSchema, COLLECTIONS.hrSessions),
    hrUserEvents: model(connection, 'HrUserEvent', hrUserEventSchema, COLLECTIONS.hrUserEvents),
    calendarConnections: model(connection, 'CalendarConnection', calendarConnectionSchema, COLLECTIONS.calendarConnections),
    calendarBusy: model(connection, 'CalendarBusy', calendarBusySchema, COLLECTIONS.calendarBusy),
    calendarWriteStatus: model(connection, 'CalendarWriteStatus', calendarWriteStatusSchema, COLLECTIONS.calendarWriteStatus),
    organisationCalendars: model(connection, 'OrganisationCalendar', organisationCalendarSchema, COLLECTIONS.organisationCalendars),
    calendarChannels: model(connection, 'CalendarChannel', calendarChannelSchema, COLLECTIONS.calendarChannels),
    calendarGrantStarts: model(connection, 'CalendarGrantStart', calendarGrantStartSchema, COLLECTIONS.calendarGrantStarts),
    calendarGrantUses: model(connection, 'CalendarGrantUse', calendarGrantUseSchema, COLLECTIONS.calendarGrantUses),
    kindSettings: model(connection, 'KindSettings', kindSettingsSchema, COLLECTIONS.kindSettings),
    interviewKinds: model(connection, 'InterviewKind', interviewKindSchema, COLLECTIONS.interviewKinds),
    apiKeys: model(connection, 'ApiKey', apiKeySchema, COLLECTIONS.apiKeys),
    apiKeyUses: model(connection, 'ApiKeyUse', apiKeyUseSchema, COLLECTIONS.apiKeyUses),
    webhookEndpoints: model(connection, 'WebhookEndpoint', webhookEndpointSchema, COLLECTIONS.webhookEndpoints),
    webhookEvents: model(connection, 'WebhookEvent', webhookEventSchema, COLLECTIONS.webhookEvents),
    webhookDeliveries: model(connection, 'WebhookDelivery', webhookDeliverySchema, COLLECTIONS.webhookDeliveries),
    candidateKeys: model(connection, 'CandidateKey', candidateKeySchema, COLLECTIONS.candidateKeys),
    candidateDigests: model(connection, 'CandidateDigest', candidateDigestSchema, COLLECTIONS.candidateDigests),
    erasures: model(connection, 'Erasure', erasureSchema, COLLECTIONS.erasures),
    retentionPolicy: model(connection, 'RetentionPolicy', retentionPolicySchema, COLLECTIONS.retentionPolicy),
    loopTemplates: model(connection, 'LoopTemplate', loopTemplateSchema, COLLECTIONS.loopTemplates),
    loops: model(connection, 'Loop', loopSchema, COLLECTIONS.loops),
    loopSessions: model(connection, 'LoopSession', loopSessionSchema, COLLECTIONS.loopSessions),
    availabilityWaits: model(connection, 'AvailabilityWait', availabilityWaitSchema, COLLECTIONS.availabilityWaits),
    waitlistEntries: model(connection, 'WaitlistEntry', waitlistEntrySchema, COLLECTIONS.waitlistEntries),
    teams: model(connection, 'Team', teamSchema, COLLECTIONS.teams),
  };
}

export interface Database extends Models {
  connection: Connection;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Wraps a connection the caller opened (tests, benches) with the models and their indexes. */
export async function databaseOn(connection: Connection): Promise<Database> {
  const models = modelsOn(connection);
  // Declared on the schemas, created here once: every service calls this at start, and creating
  // an index that exists is a no-op on MongoDB and FerretDB alike.
  await Promise.all(Object.values(models).map((m: Model<unknown>) => m.createIndexes()));
  return {
    ...models,
    connection,
    ping: async () => {
      await connection.db?.command({ ping: 1 });
    },
    close: () => connection.close(),
  };
}

/**
 * Sockets one service may hold to the database (the driver's default is 100). FerretDB v1 needs two
 * of its PostgreSQL connections for each update in flight, and its pool is sized for the services'
 * sockets together (`FERRET_PG_POOL` in scripts/src/stack/start-ferret.ts): above that, a burst of
 * updates deadlocks it. Requests beyond these sockets wait in the driver instead.
 */
export const MAX_SOCKETS_PER_SERVICE = 32;

/**
 * Mongoose keeps each query's call stack as text, to name where a query run twice was first run.
 * Under tsx every such stack is source-mapped: about 1 ms of CPU per query, 5 % of the booking
 * process's time in a race of 50 bookings (a CPU profile). The second run of a query is refused
 * all the same, without that stack.
 */
mongoose.set('skipOriginalStackTraces', true);

/** The one connection a service holds for its life. */
export async function openDatabase(url: string): Promise<Database> {
  const connection = await mongoose
    .createConnection(url, { serverSelectionTimeoutMS: 10_000, autoIndex: false, maxPoolSize: MAX_SOCKETS_PER_SERVICE })
    .asPromise();
  return databaseOn(connection);
}

export { isDuplicateKeyError, insertOnce, readByIds } from './query-rules';
