import { z } from 'zod';
import { cancelInput, slotChoiceInput } from '@portal/shared/schemas';
import { route } from './route';

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
  })
  .meta({ id: 'CandidateInterview', description: 'What the candidate’s own page shows.' });

const slotsQuery = z.object({ from: slotChoiceInput.shape.start.optional(), to: slotChoiceInput.shape.start.optional() });

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
    method: 'post',
    path: '/candidate/booking',
    operationId: 'book',
    summary: 'Book a free time',
    tag: TAG,
    credential: 'candidate',
    body: choice,
    status: 201,
    response: candidateInterview,
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) => caller.candidate.book({ token, ...body }),
  }),
  route({
    method: 'patch',
    path: '/candidate/booking',
    operationId: 'moveBooking',
    summary: 'Move the booking to another free time',
    tag: TAG,
    credential: 'candidate',
    body: choice,
    status: 200,
    response: candidateInterview,
    refusals: [400, 403, 409, 429],
    run: ({ caller, token, body }) => caller.candidate.reschedule({ token, ...body }),
  }),
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
