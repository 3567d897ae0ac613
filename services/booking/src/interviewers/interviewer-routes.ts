import { z } from 'zod';
import { DomainError } from '@portal/shared/errors';
import { interviewerInput } from '@portal/shared/schemas';
import { CALENDAR_PROVIDER_CHOICES, interviewerCalendarInput, type CalendarProviderChoice } from '@portal/shared/calendar-inputs';
import { hrInterviewersRouter } from './hr-interviewers';
import { hrCalendarsRouter } from '../calendars/hr-calendars';
import { hrOrganisationCalendarsRouter } from '../calendars/hr-organisation-calendars';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ interviewers: hrInterviewersRouter, calendars: hrCalendarsRouter, organisationCalendars: hrOrganisationCalendarsRouter }) }));
type Caller = ReturnType<typeof createCaller>;
const route = routesCalling(createCaller);

const TAG = 'Interviewers';
const params = z.object({ id: interviewerInput.shape.id.unwrap() });
const calendarChoice = interviewerCalendarInput.meta({
  id: 'InterviewerCalendarChoice',
  description: 'Where the interviewer’s busy times come from: `google` through the organisation’s Google connection (all it takes once an admin set one up), `microsoft` through the organisation’s Microsoft 365 app registration, `none` to disconnect. `caldav` keeps a CalDAV calendar connected in the HR console (its server and app password are entered there). Without the organisation’s connection, `google` or `microsoft` keeps the interviewer’s own grant on that provider (made by a sign-in from the HR console or the interviewer’s link, never by this API). Absent: the calendar stays as it is.',
});
const fields = interviewerInput
  .omit({ id: true })
  .extend({ calendar: calendarChoice.optional() })
  .meta({ id: 'InterviewerFields', description: 'Weekly working hours (weekday 1 = Monday, times in the interviewer’s zone), dated overrides, time off, buffers and the daily cap: what the console edits; and optionally which calendar their busy times come from.' });
const calendarStatus = z
  .object({
    provider: z.enum(CALENDAR_PROVIDER_CHOICES),
    status: z.enum(['none', 'pending', 'ok', 'failing']).meta({ description: '`pending` until the calendar was first read; `failing` while reading it fails (the busy times last read still count).' }),
    lastSyncAt: z.string().nullable().meta({ description: 'When its busy times were last read: their age while it fails.' }),
    failingSince: z.string().nullable(),
    problem: z.object({ code: z.string(), message: z.string() }).nullable().meta({ description: 'Why reading fails (AUTH: the grant was revoked or the delegation is not set up; RATE_LIMITED; UNREACHABLE; …).' }),
  })
  .meta({ id: 'InterviewerCalendar' });
const interviewer = z
  .looseObject({ ...interviewerInput.shape, id: z.string(), bookedNext14Days: z.number().int(), calendar: calendarStatus })
  .meta({ id: 'Interviewer' });

/** The interviewer under `id`, read as the console reads them; an unknown id is NOT_FOUND. */
async function interviewerById(caller: Caller, id: string) {
  const found = (await caller.hr.interviewers.list()).find((item) => item.id === id);
  if (found === undefined) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
  return found;
}

/**
 * Checked before anything is saved (a refused body writes nothing): `google` needs the
 * organisation's Google connection; `caldav` only keeps one connected in the console.
 */
async function checkCalendarChoice(caller: Caller, id: string | undefined, provider: CalendarProviderChoice | undefined): Promise<'keep' | 'apply'> {
  // The interviewer's own grant on that provider (docs/adr/0061) is kept as it is, as a console-made CalDAV calendar is.
  const ownGrantKept = async () =>
    id !== undefined && (await caller.hr.calendars.status({ interviewerId: id }).then((status) => status.provider === provider && 'grant' in status && status.grant === 'own', () => false));
  if (provider === 'microsoft' && (await caller.hr.organisationCalendars.status()).microsoft === null) {
    if (await ownGrantKept()) return 'keep';
    throw new DomainError('BAD_INPUT', 'The organisation has no Microsoft 365 connection yet: an admin sets the app registration up first.', { field: 'calendar.provider' });
  }
  if (provider === 'google' && (await caller.hr.organisationCalendars.status()).google === null) {
    if (await ownGrantKept()) return 'keep';
    throw new DomainError('BAD_INPUT', 'The organisation has no Google connection yet: an admin sets it up on the HR console’s calendars page first.', { field: 'calendar.provider' });
  }
  const current = async (interviewerId: string) =>
    caller.hr.calendars.status({ interviewerId }).then(
      (status) => status.provider,
      (error: unknown) => {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return 'none';
        throw error;
      },
    );
  if (provider === 'caldav' && (id === undefined || (await current(id)) !== 'caldav')) {
    throw new DomainError('BAD_INPUT', 'A CalDAV calendar needs its server, user name and app password: connect it on the interviewer’s page in the HR console.', { field: 'calendar.provider' });
  }
  return 'apply';
}

/** The interviewer saved with `body`, then their calendar as `calendar` names it (the console's own procedures, one after the other). */
async function saveInterviewer(caller: Caller, id: string | undefined, body: z.infer<typeof fields>) {
  const { calendar, ...details } = body;
  const choice = await checkCalendarChoice(caller, id, calendar?.provider);
  const saved = await caller.hr.interviewers.upsert(id === undefined ? details : { ...details, id });
  if (calendar === undefined || calendar.provider === 'caldav') return saved;
  if (choice === 'keep') return interviewerById(caller, saved.id);
  if (calendar.provider === 'google') await caller.hr.calendars.connectGoogle({ interviewerId: saved.id });
  else if (calendar.provider === 'microsoft') await caller.hr.calendars.connectMicrosoft({ interviewerId: saved.id });
  else await caller.hr.calendars.disconnect({ interviewerId: saved.id });
  return interviewerById(caller, saved.id);
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
    run: ({ caller, body }) => saveInterviewer(caller, undefined, body),
  }),
  route({
    method: 'put',
    path: '/interviewers',
    operationId: 'upsertInterviewer',
    summary: 'Create or replace the interviewer the body names by `id` (the console’s save)',
    description: 'For an ATS that keeps its own interviewer ids: creates the interviewer under the id when absent. PUT /interviewers/{id} only replaces one that exists.',
    tag: TAG,
    credential: 'key',
    body: interviewerInput.required({ id: true }).extend({ calendar: calendarChoice.optional() }).meta({ id: 'InterviewerWithId' }),
    status: 200,
    response: interviewer,
    refusals: [400],
    run: ({ caller, body: { id, ...body } }) => saveInterviewer(caller, id, body),
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
      return saveInterviewer(caller, id, body);
    },
  }),
];
