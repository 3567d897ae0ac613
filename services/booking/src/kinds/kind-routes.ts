import { z } from 'zod';
import { kindId } from '@portal/shared/interview-kinds';
import { kitInput } from '@portal/shared/kits';
import { MEETING_PROVIDERS } from '@portal/shared/meeting-rooms';
import { AVAILABILITY_ACTIONS } from '@portal/shared/availability';
import { kindChangeInput, kindCreateInput } from '@portal/shared/schemas';
import { hrKindsRouter } from './hr-kinds';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ kinds: hrKindsRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'Interview kinds';
const params = z.object({ id: kindId });
const titles = z
  .record(z.string(), z.string())
  .meta({ id: 'KindTitles', description: 'The kind’s title per language the portal speaks (`en`, `de`, `es`, `fr`, `pt-BR`, `ja`, `ar`): `en` required, each other falling back to it.' });
const kind = z
  .object({
    id: z.string().meta({ description: 'The kind’s slug, as invitations name it (`kind`).' }),
    titles,
    durationMinutes: z.number().int(),
    panelSize: z.number().int(),
    rescheduleLimit: z.number().int(),
    interviewerReminderMinutes: z.number().int(),
    decisionWorkingDays: z.number().int(),
    minNoticeMinutes: z.number().nullable().meta({ description: 'null: the portal’s default at each invitation (so for every nullable setting).' }),
    horizonDays: z.number().int().nullable(),
    changeCutoffMinutes: z.number().nullable(),
    bufferBeforeMinutes: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Minutes each panel member keeps free before the kind’s interviews, or their own if longer; null: the members’ own only. Fixed on each interview at its invitation.' }),
    bufferAfterMinutes: z.number().int().nullable().meta({ description: 'As `bufferBeforeMinutes`, after the interview.' }),
    meetingProvider: z.enum(MEETING_PROVIDERS).nullable(),
    reminders: z.array(z.object({ offsetMinutes: z.number(), channel: z.string() })).nullable(),
    availabilityAction: z
      .enum(AVAILABILITY_ACTIONS)
      .nullable()
      .meta({ description: 'A free time found inside a candidate’s windows: `book` it at once, or `offer` it held for the candidate for `holdMinutes`; null: `book`. An invitation may set its own.' }),
    holdMinutes: z.number().int().nullable().meta({ description: 'How long a hold (an earlier time from the waitlist, or an offered time inside the windows) is the candidate’s alone; null: the portal’s (15 minutes unless configured).' }),
    kit: kitInput.meta({ id: 'KindKit', description: 'The scorecard kit each interview invited with this kind fixes: a later edit moves no existing interview.' }),
    archived: z.boolean().meta({ description: 'An archived kind takes no new invitations (400 naming `kind`); its interviews run on.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InterviewKind' });
const createBody = kindCreateInput.meta({ id: 'InterviewKindNew', description: 'A new kind: `id` and `titles.en` required; each setting left out takes the portal’s default.' });
const updateBody = kindChangeInput.meta({ id: 'InterviewKindChange', description: 'The fields to change; those left out keep their values, and null puts a nullable setting back to the portal’s default. `archived: true` archives the kind.' });

/**
 * Interview kinds (issue 50, docs/adr/0065): the three seeded ones and HR's own, each with its
 * titles, rules and scorecard kit. An invitation names one by `kind`.
 */
export const interviewKindRoutes = [
  route({
    method: 'get',
    path: '/interview-kinds',
    operationId: 'listInterviewKinds',
    summary: 'Every interview kind, the archived last',
    tag: TAG,
    credential: 'key',
    status: 200,
    response: z.object({ items: z.array(kind) }),
    refusals: [],
    run: async ({ caller }) => ({ items: await caller.hr.kinds.all() }),
  }),
  route({
    method: 'post',
    path: '/interview-kinds',
    operationId: 'createInterviewKind',
    summary: 'Add an interview kind',
    description: 'An id in use is refused 409 ALREADY_EXISTS and changes nothing.',
    tag: TAG,
    credential: 'key',
    body: createBody,
    status: 201,
    response: kind,
    refusals: [400, 409],
    run: ({ caller, body }) => caller.hr.kinds.create(body),
  }),
  route({
    method: 'get',
    path: '/interview-kinds/{id}',
    operationId: 'getInterviewKind',
    summary: 'One interview kind',
    tag: TAG,
    credential: 'key',
    params,
    status: 200,
    response: kind,
    refusals: [400, 404],
    run: ({ caller, params: { id } }) => caller.hr.kinds.get({ id }),
  }),
  route({
    method: 'put',
    path: '/interview-kinds/{id}',
    operationId: 'changeInterviewKind',
    summary: 'Change an interview kind (or archive it)',
    description: 'Applies to invitations from now on: an interview keeps the titles, rules and kit its invitation fixed. An unknown id is refused 404 and creates nothing.',
    tag: TAG,
    credential: 'key',
    params,
    body: updateBody,
    status: 200,
    response: kind,
    refusals: [400, 404],
    run: ({ caller, params: { id }, body }) => caller.hr.kinds.edit({ ...body, id }),
  }),
];
