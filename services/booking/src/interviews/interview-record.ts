import { z } from 'zod';
import type { InterviewDocument } from '@portal/db/documents';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from '@portal/shared/i18n/locales';
import { INTERVIEW_STATUSES, OUTCOMES } from '@portal/shared/status';
import { linkExpiresAt } from '@portal/shared/tokens';
import type { BookingEnv } from '../core/env';
import { noticeOf } from '../slots/notice-rules';
import { availabilityView } from '../availability/availability';
import { waitlistView } from '../waitlist/waitlist';

const instant = z.iso.datetime({ offset: true });

/** Waiting for an earlier time (docs/adr/0072); the REST candidate API answers the same shape. */
export const waitlistSchema = z
  .object({ joinedAt: instant, before: z.iso.date().nullable().meta({ description: 'Only times before this day (the candidate’s zone); null: any earlier time.' }) })
  .nullable()
  .meta({ id: 'Waitlist', description: 'Joined with `POST /candidate/waitlist`: the first waiting candidate gets an exclusive hold on an earlier time that frees.' });
export const holdSchema = z
  .object({
    id: z.string(),
    start: instant,
    end: instant,
    expiresAt: instant,
    purpose: z
      .enum(['earlier', 'window'])
      .meta({ description: '`earlier`: an earlier time from the waitlist, which accepting moves the booking to; `window`: a free time inside the candidate’s windows, which accepting books.' }),
  })
  .nullable()
  .meta({
    id: 'Hold',
    description: 'A time held for the candidate alone until `expiresAt`: `POST /candidate/holds/{id}/accept` takes it (a move, or for `window` the booking), `…/decline` lets it go.',
  });

/** The candidate's windows when none of the offered times worked (docs/adr/0071); the REST candidate API answers the same shape. */
export const availabilitySchema = z
  .object({
    windows: z.array(z.object({ start: instant, end: instant })).meta({ description: 'When the candidate could come, in UTC, overlapping windows merged.' }),
    timezone: z.string().meta({ description: 'The zone the candidate wrote them in.' }),
    note: z.string().nullable(),
    submittedAt: instant,
  })
  .nullable()
  .meta({
    id: 'CandidateAvailability',
    description: 'Sent with `POST /candidate/availability`; the interview is booked at the first free time inside a window (null: none sent).',
  });

/**
 * An interview as integrations read it (the REST API's `Interview`): ids, status, times in UTC
 * with the candidate's zone beside them. Stable for API clients, unlike the console's views,
 * which change with the pages.
 */
export const interviewRecord = z
  .object({
    id: z.string(),
    status: z.enum(INTERVIEW_STATUSES),
    outcome: z.enum(OUTCOMES),
    candidate: z.object({
      name: z.string(),
      email: z.string(),
      timezone: z.string(),
      locale: z.enum(SUPPORTED_LOCALES).meta({ description: 'The language of the candidate’s page and messages (English until chosen).' }),
    }),
    position: z.string(),
    kind: z.string().meta({ description: 'The interview kind’s id (`GET /api/v1/interview-kinds`): a seeded one (`technical`, `screening`, `panel`) or one HR made.' }),
    attempt: z.number().int(),
    panelSize: z.number().int(),
    /** The pool the panel is drawn from. */
    interviewerIds: z.array(z.string()),
    slot: z.object({ start: instant, end: instant, interviewerIds: z.array(z.string()) }).nullable(),
    rescheduleCount: z.number().int(),
    rescheduleLimit: z.number().int(),
    cancelReason: z.string().nullable(),
    previousInterviewId: z.string().nullable(),
    nextInterviewId: z.string().nullable(),
    linkExpiresAt: instant.meta({
      description: 'When the candidate’s link stops working: the invitation’s expiry until the interview is booked, then the link’s own, later expiry.',
    }),
    availability: availabilitySchema,
    waitlist: waitlistSchema,
    hold: holdSchema,
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Interview' });

export type InterviewRecord = z.infer<typeof interviewRecord>;

export function toInterviewRecord(doc: InterviewDocument, env: BookingEnv): InterviewRecord {
  return {
    id: doc._id,
    status: doc.status,
    outcome: doc.outcome,
    candidate: { name: doc.candidateName, email: doc.candidateEmail, timezone: doc.candidateTimezone, locale: doc.locale ?? DEFAULT_LOCALE },
    position: doc.position,
    kind: doc.kind,
    attempt: doc.attempt,
    panelSize: doc.panelSize,
    interviewerIds: doc.interviewerIds,
    slot: doc.slot && { start: doc.slot.start.toISOString(), end: doc.slot.end.toISOString(), interviewerIds: doc.slot.interviewerIds },
    rescheduleCount: doc.rescheduleCount,
    rescheduleLimit: doc.rescheduleLimit,
    cancelReason: doc.cancelReason,
    previousInterviewId: doc.previousInterviewId,
    nextInterviewId: doc.nextInterviewId,
    linkExpiresAt: linkExpiresAt(doc, noticeOf(doc, env).horizonDays).toISOString(),
    availability: availabilityView(doc.availability),
    ...waitlistView(doc),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: (doc.updatedAt ?? doc.createdAt).toISOString(),
  };
}
