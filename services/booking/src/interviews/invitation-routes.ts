import { setTimeout as sleep } from 'node:timers/promises';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { DomainError } from '@portal/shared/errors';
import { matchLocale, SUPPORTED_LOCALES } from '@portal/shared/i18n/locales';
import { inviteInput } from '@portal/shared/schemas';
import { loopRulesOverride, loopSessionInput } from '@portal/shared/loop-inputs';
import { hrInterviewProceduresRouter } from './hr-interview-procedures';
import { hrLoopsRouter } from '../loops/hr-loops';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ interviews: hrInterviewProceduresRouter, loops: hrLoopsRouter }) }));
type Caller = ReturnType<typeof createCaller>;
const route = routesCalling(createCaller);

const fields = inviteInput.shape;
/**
 * A BCP 47 tag (`de`, `de-CH`, `pt-BR`), matched to the nearest language the portal speaks as the
 * browser's `Accept-Language` is (docs/adr/0025); a language it does not speak is refused.
 */
const locale = z
  .string()
  .min(2, 'must be a BCP 47 language tag')
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1 && matchLocale([tag]) !== undefined;
    } catch {
      return false;
    }
  }, `must be a BCP 47 language tag of a language the portal speaks: ${SUPPORTED_LOCALES.join(', ')}`)
  .meta({ description: `The candidate's language for the page, emails and calendar text; matched to one of ${SUPPORTED_LOCALES.join(', ')}. Left out, the candidate's browser picks on the first visit.` });

export const invitationBody = z
  .object({
    candidate: z.object({
      name: fields.candidateName,
      email: fields.candidateEmail,
      timezone: fields.candidateTimezone.optional().meta({ description: 'IANA zone for the candidate’s emails until they pick one on booking; UTC when left out.' }),
      locale: locale.optional(),
    }),
    position: fields.position,
    kind: fields.kind.optional().meta({ description: 'Required for a single interview; left out for a loop.' }),
    interviewerIds: fields.interviewerIds.optional().meta({ description: 'Required for a single interview; left out for a loop.' }),
    panelSize: fields.panelSize,
    notice: fields.notice,
    reminders: fields.reminders.meta({
      description: 'This invitation’s reminder schedule, replacing the kind’s: each `{ offsetMinutes, channel }` (`email` or `sms`; SMS only reaches a candidate who opted in).',
    }),
    availabilityAction: fields.availabilityAction.meta({
      description: 'A free time found inside the candidate’s windows (“none of these times work”): `book` it at once, or `offer` it, held for the candidate to take or let go; left out, the kind’s setting (`book` unless HR chose otherwise).',
    }),
    meetingProvider: fields.meetingProvider.meta({
      description: 'Where the interview is held, over the kind’s provider: `jitsi` (a link, nothing to create), `daily` or `zoom` (a room or meeting created at booking, moved with the interview, deleted on cancel); left out, the kind’s.',
    }),
    sessions: z.array(loopSessionInput).min(2).max(6).optional().meta({ description: 'A loop (docs/adr/0031): its sessions in order, booked together from one link.' }),
    loop: loopRulesOverride
      .extend({ templateId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() })
      .optional()
      .meta({ description: 'A loop’s layout (order, breaks, days, per-day cap), or a template by id; with a template, `sessions` may be left out.' }),
  })
  .refine((b) => b.sessions !== undefined || b.loop?.templateId !== undefined || (b.kind !== undefined && b.interviewerIds !== undefined), {
    message: 'give kind and interviewerIds, or a loop’s sessions',
    path: ['kind'],
  })
  .meta({ id: 'InvitationRequest' });

const invitation = z
  .object({
    interviewId: z.string().meta({ description: 'For a loop: its first session, whose link is the candidate’s.' }),
    loopId: z.string().optional(),
    interviewIds: z.array(z.string()).optional().meta({ description: 'A loop’s sessions, in order.' }),
    candidateUrl: z.url().meta({ description: 'The candidate’s booking link (the same one the invitation email carries).' }),
    expiresAt: z.iso.datetime({ offset: true }).meta({
      description: 'When the link stops working unless the interview is booked: the invitation’s expiry. Once booked it works until the interview record’s later `linkExpiresAt`.',
    }),
  })
  .meta({ id: 'Invitation' });

/** The lifecycle issues the link in its first step, a moment after the start. */
const LINK_WAIT_MS = 15_000;

async function issuedLink(caller: Caller, interviewId: string): Promise<string> {
  const deadline = Date.now() + LINK_WAIT_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
    try {
      return (await caller.hr.interviews.candidateLink({ interviewId })).link;
    } catch (error) {
      const notYet = error instanceof TRPCError && error.cause instanceof DomainError && error.cause.code === 'NOT_FOUND';
      if (!notYet || Date.now() > deadline) throw error;
    }
    await sleep(wait);
  }
}

/** When the link stops working: the invitation's expiry, not the token's later one (that is for a booking). */
async function expiryOf(caller: Caller, interviewId: string): Promise<string> {
  return (await caller.hr.interviews.record({ interviewId })).linkExpiresAt;
}

export const invitationRoutes = [
  route({
    method: 'post',
    path: '/invitations',
    operationId: 'createInvitation',
    summary: 'Invite a candidate',
    description:
      'Creates the interview, starts its lifecycle and emails the candidate their link. With an `Idempotency-Key` header, a retry within 24 hours returns the first answer and creates nothing; the same key with another body is refused (422).',
    tag: 'Invitations',
    credential: 'key',
    scopes: ['write', 'read'],
    idempotent: true,
    body: invitationBody,
    status: 201,
    response: invitation,
    // 404: a loop template that does not exist.
    refusals: [400, 404, 409, 422],
    run: async ({ caller, body }) => {
      const { candidate, sessions, loop, kind, interviewerIds, ...rest } = body;
      const who = {
        candidateName: candidate.name,
        candidateEmail: candidate.email,
        candidateTimezone: candidate.timezone ?? 'UTC',
        ...(candidate.locale === undefined ? {} : { locale: matchLocale([candidate.locale]) }),
      };
      if (sessions !== undefined || loop?.templateId !== undefined) {
        // A loop is booked by itinerary: its candidate sends no windows, so nothing is offered in them.
        if (rest.availabilityAction !== undefined) throw new DomainError('BAD_INPUT', 'A loop takes no availabilityAction: its candidate books an itinerary.', { field: 'availabilityAction' });
        // Each session is held where its kind says.
        if (rest.meetingProvider !== undefined) throw new DomainError('BAD_INPUT', 'A loop takes no meetingProvider: each session is held on its kind’s provider.', { field: 'meetingProvider' });
        const { templateId, ...rules } = loop ?? {};
        const invited = await caller.hr.loops.invite({ ...who, position: rest.position, notice: rest.notice, templateId, sessions, rules });
        const [first] = invited.interviewIds;
        if (first === undefined) throw new Error('a loop without sessions');
        const candidateUrl = await issuedLink(caller, first);
        return { interviewId: first, loopId: invited.loopId, interviewIds: invited.interviewIds, candidateUrl, expiresAt: await expiryOf(caller, first) };
      }
      if (kind === undefined || interviewerIds === undefined) throw new DomainError('BAD_INPUT', 'Give kind and interviewerIds.', { field: 'kind' });
      const { interviewId } = await caller.hr.interviews.invite({
        ...rest,
        kind,
        interviewerIds,
        candidateName: candidate.name,
        candidateEmail: candidate.email,
        candidateTimezone: candidate.timezone ?? 'UTC',
        ...(candidate.locale === undefined ? {} : { locale: matchLocale([candidate.locale]) }),
      });
      const candidateUrl = await issuedLink(caller, interviewId);
      return { interviewId, candidateUrl, expiresAt: await expiryOf(caller, interviewId) };
    },
  }),
];
