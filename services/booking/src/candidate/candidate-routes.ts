import { z } from 'zod';
import { teamBranding } from '@portal/shared/team-inputs';
import { cancelInput, slotChoiceInput } from '@portal/shared/schemas';
import { itineraryChoiceInput, sessionMoveInput, sessionTimesInput } from '@portal/shared/loop-inputs';
import { candidateRouter } from './candidate';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';
import { availabilityBody } from '@portal/shared/availability';
import { availabilitySchema, holdSchema, waitlistSchema } from '../interviews/interview-record';
import { holdAnswerInput, waitlistBody } from '@portal/shared/waitlist';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ candidate: candidateRouter }));
const route = routesCalling(createCaller);

const TAG = 'Headless booking';
const instant = z.iso.datetime({ offset: true });
const choice = slotChoiceInput.omit({ token: true }).required({ timezone: true }).meta({ id: 'SlotChoice' });

const candidateInterview = z
  .looseObject({
    interviewId: z.string(),
    status: z.string(),
    outcome: z.string(),
    position: z.string(),
    kindLabel: z.string(),
    durationMinutes: z.number(),
    interviewerNames: z.array(z.string()),
    panelSize: z.number().int(),
    candidateName: z.string(),
    candidateTimezone: z.string(),
    slot: z.looseObject({ start: instant, end: instant }).nullable(),
    rescheduleCount: z.number().int(),
    rescheduleLimit: z.number().int(),
    canChange: z.boolean(),
    changeBlockedReason: z.enum(['LIMIT', 'CUTOFF']).nullable(),
    meetingUrl: z.string().nullable(),
    linkExpiresAt: instant,
    cancelReason: z.string().nullable(),
    availability: availabilitySchema,
    waitlist: waitlistSchema,
    hold: holdSchema,
    team: z
      .object({ name: z.string(), branding: teamBranding.nullable() })
      .nullable()
      .meta({ description: 'The hiring team the interview is with: its name, logo and colour, as the page, emails and calendar file show them; null for a deployment whose one team was never named.' }),
  })
  .meta({ id: 'CandidateInterview', description: 'What the candidate’s own page shows.' });

const session = z.object({ title: z.string(), start: instant, end: instant, panelSize: z.number().int() });
const itineraries = z
  .object({
    timezone: z.string(),
    day: z.iso.date().nullable().meta({ description: 'The day listed (candidate’s zone); null when no day has an itinerary.' }),
    days: z.array(z.iso.date()).meta({ description: 'Every day with at least one itinerary.' }),
    itineraries: z.array(
      z.object({
        itineraryId: z.string().meta({ description: 'Book it with `POST /candidate/booking {itineraryId}`.' }),
        end: instant,
        idleMinutes: z.number(),
        sessions: z.array(session),
      }),
    ),
  })
  .meta({ id: 'Itineraries', description: 'Whole itineraries for a loop, best first (earliest finish, then least idle time).' });
const candidateLoop = z
  .looseObject({
    loopId: z.string(),
    status: z.enum(['INVITED', 'BOOKED', 'PARTLY_COMPLETED', 'COMPLETED', 'CANCELLED', 'EXPIRED']),
    sessions: z.array(
      z.looseObject({
        interviewId: z.string(),
        title: z.string(),
        status: z.string(),
        slot: z.object({ start: instant, end: instant }).nullable(),
        needsNewTime: z.boolean().meta({
          description: 'A panel member left and nobody could take the place: the held time stays until the re-pick ends; `GET /candidate/session-times` lists the new times (or the whole loop again).',
        }),
      }),
    ),
  })
  .meta({ id: 'CandidateLoop', description: 'A loop: several sessions booked together from one link.' });
const applicationInterviews = z
  .object({
    position: z.string(),
    interviews: z.array(
      z.object({
        interviewId: z.string().meta({ description: 'The interview; for a loop, its first session, whose link books and manages the whole loop.' }),
        current: z.boolean().meta({ description: 'The interview (or loop) this token belongs to.' }),
        loopId: z.string().nullable(),
        kind: z.string(),
        kindLabel: z.string(),
        kindTitles: z
          .record(z.string(), z.string())
          .nullable()
          .meta({ description: 'The kind’s title per language as fixed at the invitation (`en` always there); null for interviews from before kinds were data.' }),
        attempt: z.number().int(),
        status: z.string().meta({ description: 'The interview’s status, or for a loop the loop’s.' }),
        start: instant.nullable(),
        end: instant.nullable(),
        sessions: z.array(z.object({ title: z.string(), status: z.string(), start: instant.nullable() })),
        link: z.string().nullable().meta({ description: 'The link this interview’s own emails carry, while it can still be booked, changed or joined; null otherwise (and for the current one).' }),
      }),
    ),
  })
  .meta({ id: 'ApplicationInterviews', description: 'Every interview of the candidate’s application: the same person (email) and position, oldest first.' });
const itineraryChoice = itineraryChoiceInput.omit({ token: true }).meta({ id: 'ItineraryChoice' });
const itinerariesQuery = z.object({
  day: z.iso.date().optional().meta({ description: 'The day (candidate’s zone) the loop starts on; the first day with any itinerary when left out.' }),
  timezone: choice.shape.timezone.optional(),
});

const sessionMove = sessionMoveInput.omit({ token: true }).meta({ id: 'SessionMove', description: 'Moves one session of a booked loop; the others stay.' });

const slotsQuery = z.object({ from: slotChoiceInput.shape.start.optional(), to: slotChoiceInput.shape.start.optional() });

/** The candidate's answer to a time held for them (docs/adr/0072, 0073): the two differ only in the answer. */
function holdAnswerRoute(answer: 'accept' | 'decline', operationId: 'acceptHold' | 'declineHold', summary: string) {
  return route({
    method: 'post',
    path: `/candidate/holds/{id}/${answer}`,
    operationId,
    summary,
    tag: TAG,
    credential: 'candidate',
    params: z.object({ id: holdAnswerInput.shape.holdId }),
    status: 200,
    response: candidateInterview,
    refusals: [400, 403, 404, 409, 429],
    run: ({ caller, token, params }) => caller.candidate[operationId]({ token, holdId: params.id }),
  });
}

export const candidateRoutes = [
  route({
    method: 'get',
    path: '/candidate/interview',
    operationId: 'getCandidateInterview',
    summary: 'The interview the candidate’s token belongs to',
    tag: TAG,
    credential: 'candidate',
    status: 200,
    response: candidateInterview,
    refusals: [403, 429],
    run: ({ caller, token }) => caller.candidate.view({ token }),
  }),
  route({
    method: 'get',
    path: '/candidate/slots',
    operationId: 'listCandidateSlots',
    summary: 'Free times for this interview',
    description: '`from` and `to` narrow the list; the booking horizon and minimum notice still apply.',
    tag: TAG,
    credential: 'candidate',
    query: slotsQuery,
    status: 200,
    response: z.object({ slots: z.array(z.object({ start: instant, end: instant })), horizonDays: z.number(), minNoticeMinutes: z.number() }),
    refusals: [400, 403, 429],
    run: async ({ caller, token, query }) => {
      const listed = await caller.candidate.slots({ token });
      const from = query.from === undefined ? -Infinity : Date.parse(query.from);
      const to = query.to === undefined ? Infinity : Date.parse(query.to);
      return { ...listed, slots: listed.slots.filter((slot) => Date.parse(slot.start) >= from && Date.parse(slot.start) < to) };
    },
  }),
  route({
    method: 'get',
    path: '/candidate/loop',
    operationId: 'getCandidateLoop',
    summary: 'The loop the candidate’s token books, with every session (null for a single interview)',
    tag: TAG,
    credential: 'candidate',
    status: 200,
    response: candidateLoop.nullable(),
    refusals: [403, 429],
    run: ({ caller, token }) => caller.candidate.loop({ token }),
  }),
  route({
    method: 'get',
    path: '/candidate/interviews',
    operationId: 'listCandidateInterviews',
    summary: 'Every interview of the candidate’s application (screening, loop, retakes), each with its state',
    description: 'Another interview’s link is given only while it can still be booked, changed or joined: the link its own emails carry. The token still changes only its own interview.',
    tag: TAG,
    credential: 'candidate',
    status: 200,
    response: applicationInterviews,
    refusals: [403, 429],
    run: ({ caller, token }) => caller.candidate.interviews({ token }),
  }),
  route({
    method: 'get',
    path: '/candidate/itineraries',
    operationId: 'listCandidateItineraries',
    summary: 'Whole itineraries for a loop on one day',
    description: 'Each session’s start honours every rule a single interview’s does; the loop adds its order, breaks and days.',
    tag: TAG,
    credential: 'candidate',
    query: itinerariesQuery,
    status: 200,
    response: itineraries,
    refusals: [400, 403, 429],
    run: ({ caller, token, query }) => caller.candidate.itineraries({ token, ...query }),
  }),
  route({
    method: 'post',
    path: '/candidate/booking',
    operationId: 'book',
    summary: 'Book a free time, or a loop’s itinerary',
    description:
      'A single interview takes `{start, timezone}`; a loop takes `{itineraryId}` and books every session or none: a lost session answers 409 SLOT_TAKEN with `error.taken` naming it and the day’s fresh itineraries.',
    tag: TAG,
    credential: 'candidate',
    body: z.union([choice, itineraryChoice]),
    status: 201,
    response: z.union([candidateInterview, candidateLoop]),
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) =>
      'itineraryId' in body ? caller.candidate.bookItinerary({ token, ...body }) : caller.candidate.book({ token, ...body }),
  }),
  route({
    method: 'get',
    path: '/candidate/session-times',
    operationId: 'listSessionTimes',
    summary: 'Where one session of a booked loop can move, the others staying where they are',
    tag: TAG,
    credential: 'candidate',
    query: sessionTimesInput.omit({ token: true }),
    status: 200,
    response: z.object({
      sessionId: z.string(),
      title: z.string(),
      times: z.array(z.object({ start: instant, end: instant })),
      rebook: z
        .object({
          day: z.iso.date().nullable(),
          days: z.array(z.iso.date()),
          until: instant.nullable().meta({ description: 'The held time is kept until then; the session is cancelled at that moment unless a new time is booked.' }),
          itineraries: z.array(
            z.object({
              itineraryId: z.string().meta({ description: 'Book it with `POST /candidate/booking {itineraryId}`: the sessions that change move together.' }),
              end: instant,
              idleMinutes: z.number(),
              keeps: z.number().int().meta({ description: 'How many booked sessions stay where they are.' }),
              sessions: z.array(session),
            }),
          ),
        })
        .optional()
        .meta({
          description:
            'Only when the session has no time left and its re-pick is open (a panel member left and nobody could take the place): the whole loop’s itineraries, those keeping the most booked sessions first (docs/adr/0032).',
        }),
    }),
    refusals: [400, 403, 404, 409, 429],
    run: ({ caller, token, query }) => caller.candidate.sessionTimes({ token, ...query }),
  }),
  route({
    method: 'patch',
    path: '/candidate/booking',
    operationId: 'moveBooking',
    summary: 'Move the booking to another free time, or one session of a loop',
    description: 'A loop takes `{sessionId, start}`: that session moves within the loop’s rules, the others are untouched; moves count against the loop’s one allowance.',
    tag: TAG,
    credential: 'candidate',
    body: z.union([sessionMove, choice]),
    status: 200,
    response: z.union([candidateInterview, candidateLoop]),
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) =>
      'sessionId' in body ? caller.candidate.moveSession({ token, ...body }) : caller.candidate.reschedule({ token, ...body }),
  }),
  route({
    method: 'post',
    path: '/candidate/availability',
    operationId: 'submitAvailability',
    summary: 'None of the offered times work: send when the candidate could come',
    description:
      '1–20 windows within the booking horizon, each at least the interview’s length, written in `timezone`. Sending again replaces the windows. The first free time inside a window, at once or as soon as one frees (new hours, a cancellation), is booked, or where HR chose `offer` on the kind or invitation, held for the candidate and offered (`hold` with `purpose: window`); if none has by then, HR is told after two working days. On a loop’s link the windows are the whole loop’s (each at least its shortest session): every session shows them, and the first itinerary with every session inside a window is booked, or held and offered where a session’s kind says `offer`.',
    tag: TAG,
    credential: 'candidate',
    body: availabilityBody.meta({ id: 'AvailabilityWindows' }),
    status: 200,
    response: candidateInterview,
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) => caller.candidate.submitAvailability({ token, ...body }),
  }),
  route({
    method: 'post',
    path: '/candidate/waitlist',
    operationId: 'joinWaitlist',
    summary: 'Tell me if an earlier time frees up',
    description:
      'For a booked interview the candidate may still move. When an earlier free time opens (a cancellation, a move, new hours), the first waiting candidate gets it held for them alone (the kind’s `holdMinutes`, 15 by default), by email and to a candidate who chose texts by SMS, and in `hold` here. A hold that ends unanswered, or is declined, takes the candidate off the waitlist. On a loop’s link the hold is a whole earlier itinerary, and accepting it moves every session.',
    tag: TAG,
    credential: 'candidate',
    body: waitlistBody.meta({ id: 'WaitlistJoin' }),
    status: 200,
    response: candidateInterview,
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) => caller.candidate.joinWaitlist({ token, ...body }),
  }),
  route({
    method: 'delete',
    path: '/candidate/waitlist',
    operationId: 'leaveWaitlist',
    summary: 'Leave the waitlist (a hold still open is given back)',
    tag: TAG,
    credential: 'candidate',
    status: 200,
    response: candidateInterview,
    refusals: [403, 409, 429],
    run: ({ caller, token }) => caller.candidate.leaveWaitlist({ token }),
  }),
  holdAnswerRoute('accept', 'acceptHold', 'Take the time held for the candidate: an earlier time moves the booking there, as a reschedule does; a time inside their windows books it'),
  holdAnswerRoute('decline', 'declineHold', 'Let the held time go: an earlier time passes to the next waiting candidate (leaving the waitlist); a time inside the windows is not offered again'),
  route({
    method: 'delete',
    path: '/candidate/booking',
    operationId: 'cancelBooking',
    summary: 'Cancel the interview',
    tag: TAG,
    credential: 'candidate',
    body: cancelInput.omit({ token: true }),
    status: 200,
    response: candidateInterview,
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) => caller.candidate.cancel({ token, ...body }),
  }),
];
