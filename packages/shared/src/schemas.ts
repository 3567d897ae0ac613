import { z } from 'zod';
import { INTERVIEW_STATUSES, OUTCOMES } from './status';
import { INTERVIEW_KIND_NAMES } from './interview-kinds';
import { isValidTimezone } from './zone-names';
import { NOTICE_LIMITS, noticeProblem } from './notice';

/** API inputs, shared by the booking procedures and the web forms. */
const timezone = z.string().min(1).max(64).refine(isValidTimezone, 'unknown time zone');
const isoInstant = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:mm');
const day = z.iso.date();

export const tokenInput = z.object({ token: z.string().min(10).max(4096) });
/** `timezone`: the zone the candidate chose on the page; later emails use it. Left out, the stored zone stays. */
export const slotChoiceInput = tokenInput.extend({ start: isoInstant, timezone: timezone.optional() });
export const cancelInput = tokenInput.extend({ reason: z.string().trim().max(500).optional() });

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

/** Notice, horizon and change cutoff: a kind's settings, or an invitation's own values over them. */
const noticeFields = {
  minNoticeMinutes: z.number().min(0).max(NOTICE_LIMITS.maxNoticeMinutes),
  horizonDays: z.number().int().min(1).max(NOTICE_LIMITS.maxHorizonDays),
  changeCutoffMinutes: z.number().min(0).max(NOTICE_LIMITS.maxCutoffMinutes),
};
export const noticeOverrideInput = z.object(noticeFields).partial();

export const kindSettingsInput = z
  .object({ kind: z.enum(INTERVIEW_KIND_NAMES), ...noticeFields })
  .superRefine((rules, ctx) => {
    const problem = noticeProblem(rules);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const inviteInput = z.object({
  candidateName: z.string().trim().min(1).max(120),
  candidateEmail: z.email().max(254),
  candidateTimezone: timezone,
  position: z.string().trim().min(1).max(120),
  kind: z.enum(INTERVIEW_KIND_NAMES),
  interviewerIds: z.array(z.string().min(1).max(64)).min(1).max(20),
  /** How many of the pool sit at once; the kind's number when left out. */
  panelSize: z.number().int().min(1).max(20).optional(),
  /** This invitation's own notice rules; each left out is the kind's. */
  notice: noticeOverrideInput.optional(),
});

const timeRange = z
  .object({ start: hhmm, end: hhmm })
  .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] });

export const interviewerInput = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
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
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  maxPerDay: z.number().int().min(1).max(24),
  active: z.boolean(),
});

export const interviewsListInput = z.object({
  status: z.enum(INTERVIEW_STATUSES).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  position: z.string().trim().max(120).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  search: z.string().trim().max(120).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const interviewIdInput = z.object({ interviewId: z.string().min(1).max(64) });
export const setOutcomeInput = interviewIdInput.extend({
  outcome: z.enum(['PASSED', 'FAILED', 'ON_HOLD']),
  /** PASSED or FAILED before every scorecard is in needs HR to say so. */
  confirmMissingFeedback: z.boolean().default(false),
});
const reason = z.string().trim().min(1, 'say why').max(500);
export const hrCancelInput = interviewIdInput.extend({ reason });
export const hrRescheduleInput = interviewIdInput.extend({ start: isoInstant, reason });
export const markAttendanceInput = interviewIdInput.extend({ attended: z.boolean() });

export const scorecardInput = tokenInput.extend({
  rating: z.number().int().min(1).max(4),
  recommendation: z.enum(['STRONG_YES', 'YES', 'NO', 'STRONG_NO']),
  notes: z.string().trim().max(5000).default(''),
});

export type InviteInput = z.infer<typeof inviteInput>;
export type KindSettingsInput = z.infer<typeof kindSettingsInput>;
export type InterviewerInput = z.infer<typeof interviewerInput>;
export type InterviewsListInput = z.infer<typeof interviewsListInput>;
