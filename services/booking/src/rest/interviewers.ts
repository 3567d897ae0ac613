import { z } from 'zod';
import { DomainError } from '@portal/shared/errors';
import { interviewerInput } from '@portal/shared/schemas';
import type { Caller } from './caller';
import { route } from './route';

const TAG = 'Interviewers';
const params = z.object({ id: interviewerInput.shape.id.unwrap() });
const fields = interviewerInput.omit({ id: true }).meta({ id: 'InterviewerFields', description: 'Weekly working hours (weekday 1 = Monday, times in the interviewer’s zone), dated overrides, time off, buffers and the daily cap: what the console edits.' });
const interviewer = z
  .looseObject({ ...interviewerInput.shape, id: z.string(), bookedNext14Days: z.number().int() })
  .meta({ id: 'Interviewer' });

/** The interviewer under `id`, read as the console reads them; an unknown id is NOT_FOUND. */
async function interviewerById(caller: Caller, id: string) {
  const found = (await caller.hr.interviewers.list()).find((item) => item.id === id);
  if (found === undefined) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
  return found;
}

export const interviewerRoutes = [
  route({
    method: 'get',
    path: '/interviewers',
    operationId: 'listInterviewers',
    summary: 'Every interviewer with their availability',
    tag: TAG,
    credential: 'key',
    status: 200,
    response: z.object({ items: z.array(interviewer) }),
    refusals: [],
    run: async ({ caller }) => ({ items: await caller.hr.interviewers.list() }),
  }),
  route({
    method: 'get',
    path: '/interviewers/{id}',
    operationId: 'getInterviewer',
    summary: 'One interviewer',
    tag: TAG,
    credential: 'key',
    params,
    status: 200,
    response: interviewer,
    refusals: [400, 404],
    run: ({ caller, params: { id } }) => interviewerById(caller, id),
  }),
  route({
    method: 'post',
    path: '/interviewers',
    operationId: 'createInterviewer',
    summary: 'Add an interviewer',
    tag: TAG,
    credential: 'key',
    body: fields,
    status: 201,
    response: interviewer,
    refusals: [400],
    run: ({ caller, body }) => caller.hr.interviewers.upsert(body),
  }),
  route({
    method: 'put',
    path: '/interviewers',
    operationId: 'upsertInterviewer',
    summary: 'Create or replace the interviewer the body names by `id` (the console’s save)',
    description: 'For an ATS that keeps its own interviewer ids: creates the interviewer under the id when absent. PUT /interviewers/{id} only replaces one that exists.',
    tag: TAG,
    credential: 'key',
    body: interviewerInput.required({ id: true }).meta({ id: 'InterviewerWithId' }),
    status: 200,
    response: interviewer,
    refusals: [400],
    run: ({ caller, body }) => caller.hr.interviewers.upsert(body),
  }),
  route({
    method: 'put',
    path: '/interviewers/{id}',
    operationId: 'replaceInterviewer',
    summary: 'Replace an interviewer’s details and availability',
    description: 'An unknown id is refused 404 and creates nothing: add an interviewer with POST /interviewers (or PUT /interviewers with your own id in the body).',
    tag: TAG,
    credential: 'key',
    params,
    body: fields,
    status: 200,
    response: interviewer,
    refusals: [400, 404],
    // Interviewers are never deleted (deactivated instead), so one found here is still there to replace.
    run: async ({ caller, params: { id }, body }) => {
      await interviewerById(caller, id);
      return caller.hr.interviewers.upsert({ ...body, id });
    },
  }),
];
