/** The collections the services meet in. One writer per document, see README "Data rules". */
export const COLLECTIONS = {
  interviews: 'interviews',
  interviewers: 'interviewers',
  slotClaims: 'slot_claims',
  dayClaims: 'day_claims',
  weekSeats: 'week_seats',
  loadSeats: 'load_seats',
  auditEvents: 'audit_events',
  messages: 'messages',
  sendTakeovers: 'message_send_takeovers',
  undeliverable: 'undeliverable_addresses',
  postmarkRecords: 'postmark_webhook_records',
  smsOptOuts: 'sms_opt_outs',
  activeLocks: 'active_interview_locks',
  scorecards: 'scorecards',
  feedbackLinks: 'feedback_links',
  listMoves: 'interview_list_moves',
  listCounts: 'interview_list_counts',
  listRows: 'interview_list_rows',
  hrUsers: 'hr_users',
  hrSessions: 'hr_sessions',
  hrUserEvents: 'hr_user_events',
  calendarConnections: 'calendar_connections',
  calendarBusy: 'calendar_busy',
  calendarWriteStatus: 'calendar_write_status',
  organisationCalendars: 'organisation_calendars',
  calendarChannels: 'calendar_channels',
  calendarGrantStarts: 'calendar_grant_starts',
  calendarGrantUses: 'calendar_grant_uses',
  kindSettings: 'kind_settings',
  interviewKinds: 'interview_kinds',
  apiKeys: 'api_keys',
  apiKeyUses: 'api_key_uses',
  webhookEndpoints: 'webhook_endpoints',
  webhookEvents: 'webhook_events',
  webhookDeliveries: 'webhook_deliveries',
  candidateKeys: 'candidate_keys',
  candidateDigests: 'candidate_digests',
  erasures: 'erasures',
  retentionPolicy: 'privacy_settings',
  loopTemplates: 'loop_templates',
  loops: 'loops',
  loopSessions: 'loop_sessions',
  availabilityWaits: 'availability_waits',
  waitlistEntries: 'waitlist_entries',
  teams: 'teams',
} as const;

export type { AuditEventDocument, AvailabilityRecord, AvailabilityWaitDocument, HoldRecord, WaitlistEntryDocument, WaitlistRecord, BookedSlot, InterviewDocument, InterviewListKeys } from './models/interview';
export { availabilityRecordOf, holdRecordOf, slotFields, waitlistRecordOf } from './models/interview';
export type { KindSettingsDocument } from './models/kind-settings';
export type { InterviewKindDocument } from './models/interview-kind';
export type { LoopDocument, LoopSessionDocument, LoopSessionSpec, LoopTemplateDocument } from './models/loops';
export type { ListCountsDocument, ListMove, ListMovesDocument, ListRowsDocument } from './models/interview-list';
export { activeLockKey, daySeatKey, slotCellKey, type ActiveLockDocument, type DayClaimDocument, type LoadSeatDocument, type SlotClaimDocument, type WeekSeatDocument } from './models/claims';
export { loadLimitKeys, loadPeriods } from './models/load-seats';
export { availabilityOf, type InterviewerDocument } from './models/interviewer';
export { RATINGS, RECOMMENDATIONS, scorecardId, type FeedbackLinkDocument, type Recommendation, type ScorecardDocument } from './models/feedback';
export {
  ACCEPTED_STATUSES,
  MESSAGE_STATUSES,
  type MessageEvent,
  type MessageLogEntry,
  type MessageStatus,
  type PostmarkRecordDocument,
  type SendTakeoverDocument,
  type SmsOptOutDocument,
  type UndeliverableAddress,
} from './models/messages';
export type { HrSessionDocument, HrUserDocument, HrUserEventDocument, TeamMembership } from './models/hr';
export type { TeamDocument } from './models/team';
export type { ApiKeyDocument, ApiKeyUseDocument } from './models/api-keys';
export { HR_ROLES, type HrRole } from '@portal/shared/hr-user-inputs';
export type { WebhookAttempt, WebhookDeliveryDocument, WebhookEndpointDocument, WebhookEventDocument } from './models/webhooks';
export type { CandidateDigestDocument, CandidateKeyDocument, ErasureDocument, RetentionPolicyDocument } from './models/privacy';
