import { z } from 'zod';
import { MAX_BUFFER_MINUTES } from './buffers';
import { DEFAULT_MEETING_PROVIDER, MEETING_PROVIDERS } from './meeting-rooms';
import { INTERVIEW_STATUSES, OUTCOMES } from './status';
import { kindId } from './interview-kinds';
import { EMPTY_KIT, kitAnswersInput, kitInput, localisedText } from './kits';
import { isValidTimezone } from './zone-names';
import { interviewerId, interviewId } from './ids';
import { NOTICE_LIMITS, noticeProblem } from './notice';
import { lineText, multilineText, screened, secretText } from './text';
import { SUPPORTED_LOCALES } from './i18n/locales';
import { PHONE_FORMAT_MESSAGE, toE164 } from './phone';
import { reminderRulesInput } from './reminders';
import { AVAILABILITY_ACTIONS } from './availability';
import { MAX_HOLD_MINUTES } from './waitlist';

/**
 * API inputs, shared by the booking procedures and the web forms. Every string goes through the
 * text rule (text.ts) and every id through its shape (ids.ts) before any procedure runs.
 */
const timezone = screened(z.string().min(1).max(64).refine(isValidTimezone, 'unknown time zone'));
const isoInstant = screened(z.iso.datetime({ offset: true }));
const hhmm = screened(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:mm'));
const day = screened(z.iso.date());
const email = screened(z.email().max(254));
const localeInput = z.enum(SUPPORTED_LOCALES);

/** A link's token: only its signature decides whether it is valid, so its shape is checked no further than this. */
export const tokenInput = z.object({ token: secretText(4096, { min: 10 }) });
/** A mobile number in any written form with its country code, given back as E.164; anything else is refused on the field. */
export const phoneInput = screened(z.string().max(40)).transform((written, ctx) => {
  const e164 = toE164(written);
  if (e164 === null) {
    ctx.addIssue({ code: 'custom', message: PHONE_FORMAT_MESSAGE });
    return z.NEVER;
  }
  return e164;
});

/**
 * The candidate's texts, with a booking or a move: `phone` (stored as E.164) and `sms` (opt in or
 * out). Left out, they stay as they were; `sms: true` needs a number, given here or stored before.
 */
export const smsChoiceFields = {
  phone: phoneInput.optional().meta({ description: 'The candidate’s mobile number with its country code, in any written form; stored as E.164.', example: '+44 7911 123456' }),
  sms: z.boolean().optional().meta({ description: 'Also text the confirmation, changes and reminders to `phone` (or the number given before).' }),
};

/** `timezone`: the zone the candidate chose on the page; later emails use it. Left out, the stored zone stays. */
export const slotChoiceInput = tokenInput.extend({ start: isoInstant, timezone: timezone.optional(), ...smsChoiceFields });
export const cancelInput = tokenInput.extend({ reason: multilineText(500).optional() });
/** An interviewer's answer to their invitation, from its Accept/Decline link; a reason is optional. */
export const interviewerAnswerInput = tokenInput.extend({ answer: z.enum(['accept', 'decline']), reason: multilineText(500).optional() });

/**
 * Where a live page's stream left off: the id of the last event it got, which tRPC's client sends
 * back when it reconnects (`<process>.<number>`, services/booking/src/change-feed/live-changes.ts).
 */
const lastEventId = screened(z.string().max(40).regex(/^[a-z0-9]+\.\d+$/, 'not an event id this API gave out')).nullish();
export const candidateLiveInput = tokenInput.extend({ lastEventId });

export const signInInput = z.object({
  email,
  password: secretText(200),
});

/** Notice, horizon and change cutoff: a kind's settings, or an invitation's own values over them. */
const noticeFields = {
  minNoticeMinutes: z.number().min(0).max(NOTICE_LIMITS.maxNoticeMinutes),
  horizonDays: z.number().int().min(1).max(NOTICE_LIMITS.maxHorizonDays),
  changeCutoffMinutes: z.number().min(0).max(NOTICE_LIMITS.maxCutoffMinutes),
};
export const noticeOverrideInput = z.object(noticeFields).partial();

/** HR's notice, meeting provider and reminders for a kind (the Kinds page's settings form). */
export const kindSettingsInput = z
  .object({
    kind: kindId,
    ...noticeFields,
    meetingProvider: z.enum(MEETING_PROVIDERS).default(DEFAULT_MEETING_PROVIDER),
    reminders: reminderRulesInput.optional(),
  })
  .superRefine((rules, ctx) => {
    const problem = noticeProblem(rules);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/**
 * A kind's fields (issue 50, docs/adr/0065). On create each left out takes the portal's default; on
 * an update each left out keeps its value, and null puts a nullable one back to the default.
 */
export const KIND_DEFAULTS = {
  durationMinutes: 60,
  panelSize: 1,
  rescheduleLimit: 3,
  interviewerReminderMinutes: 15,
  decisionWorkingDays: 5,
  kit: EMPTY_KIT,
  archived: false,
} as const;

const kindFields = {
  titles: localisedText(80),
  durationMinutes: z.number().int().min(5).max(8 * 60),
  panelSize: z.number().int().min(1).max(20),
  rescheduleLimit: z.number().int().min(0).max(20),
  interviewerReminderMinutes: z.number().int().min(0).max(24 * 60),
  decisionWorkingDays: z.number().int().min(1).max(60),
  minNoticeMinutes: noticeFields.minNoticeMinutes.nullable(),
  horizonDays: noticeFields.horizonDays.nullable(),
  changeCutoffMinutes: noticeFields.changeCutoffMinutes.nullable(),
  bufferBeforeMinutes: z.number().int().min(0).max(MAX_BUFFER_MINUTES).nullable(),
  bufferAfterMinutes: z.number().int().min(0).max(MAX_BUFFER_MINUTES).nullable(),
  meetingProvider: z.enum(MEETING_PROVIDERS).nullable(),
  reminders: reminderRulesInput.nullable(),
  /** A time found in the candidate's windows: booked at once, or offered as a hold (docs/adr/0073); null: booked. */
  availabilityAction: z.enum(AVAILABILITY_ACTIONS).nullable(),
  /** How long a hold (an earlier time, or an offered time in the windows) is the candidate's; null: the portal's. */
  holdMinutes: z.number().int().min(1).max(MAX_HOLD_MINUTES).nullable(),
  kit: kitInput,
  archived: z.boolean(),
};

function checkKindNotice(fields: { minNoticeMinutes?: number | null; horizonDays?: number | null; changeCutoffMinutes?: number | null }, ctx: z.RefinementCtx): void {
  const { minNoticeMinutes, horizonDays, changeCutoffMinutes } = fields;
  if (minNoticeMinutes == null || horizonDays == null || changeCutoffMinutes == null) return;
  const problem = noticeProblem({ minNoticeMinutes, horizonDays, changeCutoffMinutes });
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const kindCreateInput = z
  .object({ id: kindId, ...kindFields })
  .partial()
  .required({ id: true, titles: true })
  .strict()
  .superRefine(checkKindNotice);
/** A kind's change without its id (the REST body, whose path names the kind). */
export const kindChangeInput = z.object(kindFields).partial().strict().superRefine(checkKindNotice);
export const kindUpdateInput = z.object({ id: kindId, ...kindFields }).partial().required({ id: true }).strict().superRefine(checkKindNotice);

export const inviteInput = z.object({
  candidateName: lineText(120, { min: 1 }),
  candidateEmail: email,
  candidateTimezone: timezone,
  position: lineText(120, { min: 1 }),
  /** Any kind that is not archived: its rules, titles and kit are fixed on the interview. */
  kind: kindId,
  interviewerIds: z.array(interviewerId).min(1).max(20),
  /** How many of the pool sit at once; the kind's number when left out. */
  panelSize: z.number().int().min(1).max(20).optional(),
  /** This invitation's own notice rules; each left out is the kind's. */
  notice: noticeOverrideInput.optional(),
  /** The candidate's language, one of SUPPORTED_LOCALES; left out, English until the candidate's browser says otherwise. */
  locale: localeInput.optional(),
  /** This invitation's own reminder schedule, replacing the kind's (docs/adr/0027). */
  reminders: reminderRulesInput.optional(),
  /** This invitation's own answer to a time found in the candidate's windows, over the kind's (docs/adr/0073). */
  availabilityAction: z.enum(AVAILABILITY_ACTIONS).optional(),
  /** Where this interview is held, over the kind's provider (docs/adr/0074). */
  meetingProvider: z.enum(MEETING_PROVIDERS).optional(),
});

/** The candidate's choice of language on the page, stored with the interview for every later message. */
export const candidateLocaleInput = tokenInput.extend({ locale: localeInput });

const timeRange = z
  .object({ start: hhmm, end: hhmm })
  .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] });

export const interviewerInput = z.object({
  id: interviewerId.optional(),
  name: lineText(120, { min: 1 }),
  email,
  timezone,
  weekly: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), ranges: z.array(timeRange).max(6) }))
    .max(7),
  overrides: z.array(z.object({ date: day, ranges: z.array(timeRange).max(6) })).max(200),
  timeOff: z
    .array(
      z
        .object({ start: isoInstant, end: isoInstant })
        .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] }),
    )
    .max(200),
  bufferBeforeMinutes: z.number().int().min(0).max(MAX_BUFFER_MINUTES),
  bufferAfterMinutes: z.number().int().min(0).max(MAX_BUFFER_MINUTES),
  maxPerDay: z.number().int().min(1).max(24),
  /** Interviews per week and per month beside the daily cap (docs/adr/0032); absent or null: none. */
  weeklyLimit: z.number().int().min(1).max(100).nullable().optional(),
  monthlyLimit: z.number().int().min(1).max(400).nullable().optional(),
  active: z.boolean(),
});

/**
 * Interviews waiting on the candidate's side (docs/adr/0071–0073): `windows`, invitations whose
 * candidate sent times they could come; `waitlist`, bookings waiting for an earlier time; `hold`,
 * a time held for the candidate now (an earlier one, or one inside the windows).
 */
export const WAITING_FILTERS = ['windows', 'waitlist', 'hold'] as const;
export type WaitingFilter = (typeof WAITING_FILTERS)[number];

export const interviewsListInput = z.object({
  status: z.enum(INTERVIEW_STATUSES).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  waiting: z.enum(WAITING_FILTERS).optional(),
  position: lineText(120).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  search: lineText(120).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/**
 * Interviews in the order they last changed (oldest change first), for integrations that sync:
 * `updatedSince` starts the walk, `cursor` (opaque, from the previous page) continues it.
 */
export const interviewChangesInput = z.object({
  status: z.enum(INTERVIEW_STATUSES).optional(),
  updatedSince: isoInstant.optional(),
  cursor: screened(z.string().max(200)).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const interviewIdInput = z.object({ interviewId });
/** HR's live pages: every interview's changes (the list), or one interview's (its page). */
export const hrLiveInput = z.object({ interviewId: interviewId.optional(), lastEventId });
export const setOutcomeInput = interviewIdInput.extend({
  outcome: z.enum(['PASSED', 'FAILED', 'ON_HOLD']),
  /** PASSED or FAILED before every scorecard is in needs HR to say so. */
  confirmMissingFeedback: z.boolean().default(false),
});
const reason = multilineText(500, { min: 1, minMessage: 'say why' });
export const hrCancelInput = interviewIdInput.extend({ reason });
export const hrRescheduleInput = interviewIdInput.extend({ start: isoInstant, reason });
export const markAttendanceInput = interviewIdInput.extend({ attended: z.boolean() });

export const scorecardInput = tokenInput.extend({
  rating: z.number().int().min(1).max(4),
  recommendation: z.enum(['STRONG_YES', 'YES', 'NO', 'STRONG_NO']),
  notes: multilineText(5000).default(''),
  /** The answers to the interview's kit by question id (issue 50): checked against the kit the interview fixed. */
  answers: kitAnswersInput,
});

export type InviteInput = z.infer<typeof inviteInput>;
export type KindSettingsInput = z.infer<typeof kindSettingsInput>;
export type KindCreateInput = z.infer<typeof kindCreateInput>;
export type KindUpdateInput = z.infer<typeof kindUpdateInput>;
export type InterviewerInput = z.infer<typeof interviewerInput>;
export type InterviewsListInput = z.infer<typeof interviewsListInput>;
export type InterviewChangesInput = z.infer<typeof interviewChangesInput>;
