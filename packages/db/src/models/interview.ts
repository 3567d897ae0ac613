import { teamOwned } from './team-scope';
import type { Buffers } from '@portal/shared/buffers';
import { INTERVIEW_STATUSES, OUTCOMES, type InterviewStatus, type Outcome } from '@portal/shared/status';
import { MEETING_PROVIDERS, type MeetingProvider } from '@portal/shared/meeting-rooms';
import type { InterviewKind, LocalisedText } from '@portal/shared/interview-kinds';
import type { Kit } from '@portal/shared/kits';
import type { NoticeRules } from '@portal/shared/notice';
import type { SlotState } from '@portal/shared/lifecycle';
import type { AvailabilityState } from '@portal/shared/availability';
import type { HoldOffer, HoldPurpose, WaitlistState } from '@portal/shared/waitlist';
import { LOCALE_SOURCES, SUPPORTED_LOCALES, type Locale, type LocaleSource } from '@portal/shared/i18n/locales';
import type { ReminderRule } from '@portal/shared/reminders';
import { Schema } from 'mongoose';
import type { InterviewSearchKeys } from './interview-search';
import { noticeRulesSchema, reminderRuleSchema } from './kind-settings';
import { STRICT, embedded, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

export interface BookedSlot {
  start: Date;
  end: Date;
  /** The first panel member; `interviewerIds` names them all. */
  interviewerId: string;
  interviewerIds: string[];
  claimId: string;
  /** Why the claim chose each member (HR's detail page); absent on slots claimed before it was said. */
  picks?: { interviewerId: string; pickedBecause: string }[];
}

export interface PanelAnswerRecord {
  interviewerId: string;
  answer: 'accepted' | 'declined';
  reason: string | null;
  via: 'link' | 'calendar';
  at: Date;
}

/** The candidate's windows (docs/adr/0071), as the interview page and the API show them. */
export interface AvailabilityRecord {
  windows: { start: Date; end: Date }[];
  timezone: string;
  note: string | null;
  submittedAt: Date;
}

const availabilitySchema = embedded<AvailabilityRecord>({
  windows: { type: [embedded<{ start: Date; end: Date }>({ start: requiredDate, end: requiredDate })], required: true },
  timezone: requiredString,
  note: { type: String, default: null, maxlength: 1000 },
  submittedAt: requiredDate,
});

/**
 * An interview whose candidate's windows wait for a time (docs/adr/0071), with its pool: booking
 * reads this small collection whole to tell those lifecycles that a change freed time in their
 * pool. Written and removed by the lifecycle's persisted changes; ids only, nothing personal.
 */
export interface AvailabilityWaitDocument {
  _id: string;
  interviewerIds: string[];
  at: Date;
  /** A loop session's wait (docs/adr/0077): the loop, not the session, searches the windows and is told. */
  loopId?: string | null;
}

/**
 * A booked candidate waiting for an earlier time (docs/adr/0072), with what the waitlist's
 * coordinator needs to find one: the pool, the booked start, the rules fixed at the invitation,
 * and the hold it offered (if any). Small (only waiting candidates), read whole; ids and times only.
 */
export interface WaitlistEntryDocument {
  _id: string;
  interviewerIds: string[];
  joinedAt: Date;
  /** The end of the last day the candidate wants (exclusive), or null: anything earlier than the booking. */
  before: Date | null;
  slotStart: Date;
  rules: Record<string, number>;
  holdMs: number;
  holdId: string | null;
  /** A loop's entry (docs/adr/0077): `_id` is the loop's id, and each session's rules fixed at its invitation. */
  loopId?: string | null;
  sessions?: { interviewId: string; rules: Record<string, number> }[] | null;
}

export const waitlistEntrySchema = validateUpdates(
  new Schema<WaitlistEntryDocument>(
    {
      _id: requiredString,
      interviewerIds: { type: [String], required: true },
      joinedAt: requiredDate,
      before: { type: Date, default: null },
      slotStart: requiredDate,
      rules: { type: Schema.Types.Mixed, required: true },
      holdMs: { type: Number, required: true, min: 1 },
      holdId: { type: String, default: null },
      loopId: { type: String, default: null },
      sessions: { type: Schema.Types.Mixed, default: null },
    },
    STRICT,
  ),
);

/** The waitlist and the hold as the interview page and the API show them (and a loop's, on the loop, docs/adr/0077). */
export interface WaitlistRecord {
  joinedAt: Date;
  before: string | null;
}
export interface HoldRecord {
  id: string;
  start: Date;
  end: Date;
  expiresAt: Date;
  /** `window`: a time offered inside the candidate's windows (docs/adr/0073); absent: an earlier time from the waitlist. */
  purpose?: HoldPurpose;
}

/**
 * The records above from the lifecycle's state (ISO strings), as the persisting activity writes
 * them and booking's page after a change shows them: one conversion for both.
 */
export const availabilityRecordOf = (a: AvailabilityState | null): AvailabilityRecord | null =>
  a && { windows: a.windows.map((w) => ({ start: new Date(w.start), end: new Date(w.end) })), timezone: a.timezone, note: a.note, submittedAt: new Date(a.submittedAt) };
export const waitlistRecordSchema = embedded<WaitlistRecord>({ joinedAt: requiredDate, before: { type: String, default: null } });
export const holdRecordSchema = embedded<HoldRecord>({ id: requiredString, start: requiredDate, end: requiredDate, expiresAt: requiredDate, purpose: { type: String, enum: ['earlier', 'window'] } });
export const waitlistRecordOf = (w: WaitlistState | null): WaitlistRecord | null => w && { joinedAt: new Date(w.joinedAt), before: w.before };
export const holdRecordOf = (h: HoldOffer | null): HoldRecord | null =>
  h && { id: h.id, start: new Date(h.start), end: new Date(h.end), expiresAt: new Date(h.expiresAt), ...(h.purpose === 'window' ? { purpose: h.purpose } : {}) };

export const availabilityWaitSchema = validateUpdates(
  new Schema<AvailabilityWaitDocument>({ _id: requiredString, interviewerIds: { type: [String], required: true }, at: requiredDate, loopId: { type: String, default: null } }, STRICT),
);

const panelAnswerSchema = embedded<PanelAnswerRecord>({
  interviewerId: requiredString,
  answer: { type: String, enum: ['accepted', 'declined'], required: true },
  reason: { type: String, default: null, maxlength: 1000 },
  via: { type: String, enum: ['link', 'calendar'], required: true },
  at: requiredDate,
});

/** Week buckets of the HR list, `<value>|w<week of createdAt>`: see interview-list.ts. */
export interface InterviewListKeys {
  listAll: string;
  listStatus: string;
  listOutcome: string;
  listStatusOutcome: string;
}

export interface InterviewDocument extends InterviewSearchKeys, InterviewListKeys {
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  candidateName: string;
  candidateEmail: string;
  candidateTimezone: string;
  /**
   * The language of the candidate's page and of every email and calendar text of this interview.
   * Not the lifecycle's: booking writes it (HR at the invitation, then the candidate's browser or
   * choice) by a `$set` of these two fields alone, which no lifecycle change touches; notifications
   * read it when composing. Absent on interviews from before languages: English.
   */
  locale?: Locale;
  localeSource?: LocaleSource;
  /**
   * The candidate's mobile number (E.164) and whether they opted in to texts, set by the lifecycle
   * from a booking or a move (docs/adr/0026). Personal data, like the email. Absent on interviews
   * from before SMS: no number, no texts.
   */
  candidatePhone?: string | null;
  smsOptIn?: boolean;
  /** The reminder schedule fixed at the invitation (docs/adr/0027); absent before schedules. */
  reminders?: ReminderRule[] | null;
  position: string;
  kind: InterviewKind;
  /**
   * The kind's titles and scorecard kit as they were at the invitation (issue 50, docs/adr/0065): a
   * later edit of the kind moves no existing interview. Absent on interviews invited before kinds
   * were data: the seeded kind's title and no kit.
   */
  kindTitles?: LocalisedText | null;
  kit?: Kit | null;
  /**
   * The kind's buffers as they were at the invitation (docs/adr/0066): each panel member keeps the
   * larger of these and their own around it. Null or absent: the members' own.
   */
  buffers?: Buffers | null;
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
  /** Where to join; null while an API provider's room is being created (docs/adr/0028). */
  meetingUrl: string | null;
  /** The provider and room fixed at the invitation; absent on interviews invited before providers (their link is `meetingUrl`). */
  meetingProvider?: MeetingProvider;
  meetingRoom?: string;
  cancelReason: string | null;
  /** The booked panel's answers to their invitations (docs/adr/0032); absent before answers existed. */
  panelAnswers?: PanelAnswerRecord[];
  /** When none of the offered times worked: the windows the candidate could come in (docs/adr/0071). Personal data. */
  availability?: AvailabilityRecord | null;
  /** Waiting for an earlier time, and the earlier time held for the candidate now (docs/adr/0072). */
  waitlist?: WaitlistRecord | null;
  hold?: HoldRecord | null;
  /** Bumped on every persisted change; also the .ics SEQUENCE. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /**
   * UTC day (YYYY-MM-DD) of the last write, set by the model on every write (below): the change
   * feed reads one day at a time by equality (interview-changes.ts). Absent on interviews
   * written before it existed until the backfill or their next change.
   */
  changedDay?: string | null;
  /** The candidate's data key (docs/adr/0030); absent on interviews invited before candidate keys. */
  candidateKeyId?: string | null;
  /** The loop this interview is a session of (docs/adr/0031); absent or null for a single interview. */
  loopId?: string | null;
  /** When the candidate's personal data was erased from this interview. */
  erasedAt?: Date | null;
  /**
   * Minute (since the epoch, UTC) of the last write, set beside `changedDay`: each booking process
   * tails the interviews changed in the last minutes by equality on it (live pages, docs/adr/0033).
   */
  changedMinute?: number | null;
}

/** A booked slot as the interview document holds it, with the UTC day the HR list filters on. */
export function slotFields(slot: SlotState | null): Pick<InterviewDocument, 'slot' | 'slotDay'> {
  return {
    slot: slot && {
      start: new Date(slot.start),
      end: new Date(slot.end),
      interviewerId: slot.interviewerId,
      interviewerIds: slot.panel.map((member) => member.interviewerId),
      claimId: slot.claimId,
      picks: slot.panel.flatMap((member) => (member.pickedBecause ? [{ interviewerId: member.interviewerId, pickedBecause: member.pickedBecause }] : [])),
    },
    slotDay: slot && new Date(slot.start).toISOString().slice(0, 10),
  };
}

/** The UTC day a write happened on, as `changedDay` holds it. */
export const changedDayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The minute a write happened in, as `changedMinute` holds it. */
export const changedMinuteOf = (at: Date): number => Math.floor(at.getTime() / 60_000);

const buffersSchema = embedded<Buffers>({
  bufferBeforeMinutes: { type: Number, required: true, min: 0 },
  bufferAfterMinutes: { type: Number, required: true, min: 0 },
});

const bookedSlotSchema = embedded<BookedSlot>({
  start: requiredDate,
  end: requiredDate,
  interviewerId: requiredString,
  interviewerIds: { type: [String], required: true },
  claimId: requiredString,
  picks: { type: [embedded<{ interviewerId: string; pickedBecause: string }>({ interviewerId: requiredString, pickedBecause: requiredString })], default: undefined },
});

export const interviewSchema = teamOwned(
  validateUpdates(
  new Schema<InterviewDocument>(
    {
        _id: requiredString,
        candidateName: requiredString,
        candidateEmail: requiredString,
        candidateTimezone: requiredString,
        locale: { type: String, enum: SUPPORTED_LOCALES },
        localeSource: { type: String, enum: LOCALE_SOURCES },
        candidatePhone: { type: String, default: null },
        smsOptIn: { type: Boolean, default: false },
        reminders: { type: [reminderRuleSchema], default: null },
        position: requiredString,
        kind: requiredString,
        kindTitles: { type: Schema.Types.Mixed, default: null },
        buffers: { type: buffersSchema, default: null },
        kit: { type: Schema.Types.Mixed, default: null },
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
        meetingUrl: { type: String, default: null },
        meetingProvider: { type: String, enum: MEETING_PROVIDERS },
        meetingRoom: { type: String },
        cancelReason: { type: String, default: null },
        panelAnswers: { type: [panelAnswerSchema], default: undefined },
        availability: { type: availabilitySchema, default: undefined },
        waitlist: { type: waitlistRecordSchema, default: undefined },
        hold: { type: holdRecordSchema, default: undefined },
        version: { type: Number, required: true, min: 0 },
        changedDay: { type: String, default: null },
        candidateKeyId: { type: String, default: null },
        loopId: { type: String, default: null },
        erasedAt: { type: Date, default: null },
        changedMinute: { type: Number, default: null },
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
), { positionField: 'position' },
);
// The HR list's keys (interview-search.ts, the booking service's interview-list.ts): each is read by top-level
// equality. The list* keys are read by no query: they name the interview's place, so a change knows its moves.
const LISTED_BY = ['candidateKeyId', 'emailKey', 'nameKey', 'firstNameKey', 'lastNameKey', 'positionKey', 'slotDay'] as const;
for (const field of LISTED_BY) {
  interviewSchema.index({ [field]: 1 });
}
// The integrations' change feed (interview-changes.ts) reads the interviews changed on one day.
interviewSchema.index({ changedDay: 1 });
// The live pages' tail (services/booking/src/change-feed/change-tail.ts) reads the interviews changed in one minute.
interviewSchema.index({ changedMinute: 1 });
// Whoever writes an interview (the invite, the lifecycle's activities, a retake), the write names its day and minute.
interviewSchema.pre('validate', function markChangedDay() {
  const now = new Date();
  this.set({ changedDay: changedDayOf(now), changedMinute: changedMinuteOf(now) });
});
interviewSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function markChangedDay() {
  const now = new Date();
  this.set({ changedDay: changedDayOf(now), changedMinute: changedMinuteOf(now) });
});

export interface AuditEventDocument {
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  interviewId: string;
  at: Date;
  actor: string;
  type: string;
  fromStatus: InterviewStatus | null;
  toStatus: InterviewStatus | null;
  detail: string;
}

export const auditEventSchema = teamOwned(
  validateUpdates(
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
),
);
auditEventSchema.index({ interviewId: 1 });
