import { z } from 'zod';
import { hrCancelInput, hrRescheduleInput, interviewChangesInput, interviewIdInput, setOutcomeInput } from '@portal/shared/schemas';
import { kitInput } from '@portal/shared/kits';
import { interviewRecord } from './interview-record';
import { hrInterviewProceduresRouter } from './hr-interview-procedures';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ interviews: hrInterviewProceduresRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'Interviews';
const params = z.object({ id: interviewIdInput.shape.interviewId });
const reschedule = hrRescheduleInput.omit({ interviewId: true });
const cancel = hrCancelInput.omit({ interviewId: true });
const outcome = setOutcomeInput.omit({ interviewId: true });

const interviewPage = z
  .object({
    items: z.array(interviewRecord),
    nextCursor: z.string().nullable().meta({ description: 'Where the next page starts; past the end it stays put, so asking again later returns what changed since.' }),
    hasMore: z.boolean(),
  })
  .meta({ id: 'InterviewPage' });

/** The interview's scorecard kit as its invitation fixed it (issue 50). */
const kitSchema = kitInput.meta({ id: 'Kit', description: 'The questions of the interview’s scorecard kit, in order, as its invitation fixed them; answers are keyed by their `id`.' });

const answers = z
  .record(z.string(), z.union([z.number(), z.boolean(), z.string()]))
  .meta({ id: 'KitAnswers', description: 'The answers to the interview’s kit by question id: a rating (1 to the kit’s scale), true/false, or text. `{}` for a kit without questions.' });

const scorecard = z
  .object({
    interviewerId: z.string(),
    interviewerName: z.string(),
    rating: z.number().int().min(1).max(4),
    recommendation: z.enum(['STRONG_YES', 'YES', 'NO', 'STRONG_NO']),
    notes: z.string(),
    answers,
    submittedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Scorecard' });

/** Query strings are text: the procedure's own schema, with the one number read from text. */
const changesQuery = interviewChangesInput.extend({
  limit: z.preprocess((text) => (text === undefined ? undefined : Number(text)), interviewChangesInput.shape.limit),
});

export const interviewRoutes = [
  route({
    method: 'get',
    path: '/interviews',
    operationId: 'listInterviews',
    summary: 'Interviews by last change',
    description: 'Oldest change first, `limit` at a time. Start with `updatedSince` (or nothing, for all), then pass `nextCursor` as `cursor`.',
    tag: TAG,
    credential: 'key',
    query: changesQuery,
    status: 200,
    response: interviewPage,
    refusals: [400],
    run: ({ caller, query }) => caller.hr.interviews.changes(query),
  }),
  route({
    method: 'get',
    path: '/interviews/{id}',
    operationId: 'getInterview',
    summary: 'One interview',
    tag: TAG,
    credential: 'key',
    params,
    status: 200,
    response: interviewRecord,
    refusals: [400, 404],
    run: ({ caller, params: { id } }) => caller.hr.interviews.record({ interviewId: id }),
  }),
  route({
    method: 'post',
    path: '/interviews/{id}/cancel',
    operationId: 'cancelInterview',
    summary: 'Cancel on the candidate’s behalf',
    tag: TAG,
    credential: 'key',
    scopes: ['write', 'read'],
    params,
    body: cancel,
    status: 200,
    response: interviewRecord,
    refusals: [400, 404, 409],
    run: async ({ caller, params: { id }, body }) => {
      await caller.hr.interviews.cancel({ interviewId: id, ...body });
      return caller.hr.interviews.record({ interviewId: id });
    },
  }),
  route({
    method: 'post',
    path: '/interviews/{id}/reschedule',
    operationId: 'rescheduleInterview',
    summary: 'Move a booked interview to another free time',
    tag: TAG,
    credential: 'key',
    scopes: ['write', 'read'],
    params,
    body: reschedule,
    status: 200,
    response: interviewRecord,
    refusals: [400, 404, 409],
    run: async ({ caller, params: { id }, body }) => {
      await caller.hr.interviews.reschedule({ interviewId: id, ...body });
      return caller.hr.interviews.record({ interviewId: id });
    },
  }),
  route({
    method: 'put',
    path: '/interviews/{id}/outcome',
    operationId: 'setInterviewOutcome',
    summary: 'Set the outcome of a completed or no-show interview',
    description: 'PASSED or FAILED while scorecards are missing needs `confirmMissingFeedback: true` (else 412 FEEDBACK_INCOMPLETE).',
    tag: TAG,
    credential: 'key',
    scopes: ['write', 'read'],
    params,
    body: outcome,
    status: 200,
    response: interviewRecord,
    refusals: [400, 404, 409, 412],
    run: async ({ caller, params: { id }, body }) => {
      await caller.hr.interviews.setOutcome({ interviewId: id, ...body });
      return caller.hr.interviews.record({ interviewId: id });
    },
  }),
  route({
    method: 'post',
    path: '/interviews/{id}/retake',
    operationId: 'approveRetake',
    summary: 'Approve a retake: a new interview, link and lifecycle',
    tag: TAG,
    credential: 'key',
    params,
    status: 201,
    response: z.object({ interviewId: z.string().meta({ description: 'The new interview.' }), previousInterviewId: z.string() }),
    refusals: [400, 404, 409],
    run: async ({ caller, params: { id } }) => {
      const { newInterviewId } = await caller.hr.interviews.approveRetake({ interviewId: id });
      return { interviewId: newInterviewId, previousInterviewId: id };
    },
  }),
  route({
    method: 'get',
    path: '/interviews/{id}/scorecards',
    operationId: 'listScorecards',
    summary: 'The panel’s scorecards',
    tag: TAG,
    credential: 'key',
    params,
    status: 200,
    response: z.object({ kit: kitSchema, items: z.array(scorecard), missing: z.array(z.string()).meta({ description: 'Panel members whose scorecard is not in (completed interviews).' }) }),
    refusals: [400, 404],
    run: async ({ caller, params: { id } }) => {
      const interview = await caller.hr.interviews.get({ interviewId: id });
      return { kit: interview.kit, items: interview.scorecards, missing: interview.feedbackMissing };
    },
  }),
];
