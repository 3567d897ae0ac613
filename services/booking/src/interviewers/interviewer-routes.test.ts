import { describe, expect, it } from 'vitest';
import { DomainError } from '@portal/shared/errors';
import { interviewerRoutes } from './interviewer-routes';

const replace = interviewerRoutes.find((route) => route.operationId === 'replaceInterviewer');
const fields = { name: 'Grace Hopper', email: 'grace@example.test', timezone: 'Europe/Paris', weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 4, active: true };

/** The procedures the route calls, over a list of interviewers; every save and calendar change is recorded. */
function callerWith(ids: string[], organisation: { google: object | null; microsoft: object | null } = { google: null, microsoft: null }) {
  const saved: unknown[] = [];
  const calendars: string[] = [];
  const caller = {
    hr: {
      interviewers: {
        list: async () => ids.map((id) => ({ ...fields, id, bookedNext14Days: 0, calendar: { provider: calendars.at(-1) ?? 'none' } })),
        upsert: async (input: { id: string }) => (saved.push(input), { ...fields, ...input, bookedNext14Days: 0 }),
      },
      organisationCalendars: { status: async () => organisation },
      calendars: {
        status: async () => ({ provider: 'none' }),
        connectGoogle: async () => void calendars.push('google'),
        connectMicrosoft: async () => void calendars.push('microsoft'),
        disconnect: async () => void calendars.push('none'),
      },
    },
  };
  return { caller, saved, calendars };
}

describe('PUT /interviewers/{id}', () => {
  it('an unknown id is NOT_FOUND (404) and saves nothing: creation is POST', async () => {
    const { caller, saved } = callerWith(['demo-grace']);
    const answer = replace?.run({ params: { id: 'nobody-here' }, query: {}, body: fields, caller, token: '' });
    await expect(answer).rejects.toThrow(DomainError);
    await expect(answer).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(saved).toEqual([]);
    expect(replace?.refusals).toContain(404);
  });

  it('a known id is replaced', async () => {
    const { caller, saved } = callerWith(['demo-grace']);
    await expect(replace?.run({ params: { id: 'demo-grace' }, query: {}, body: { ...fields, maxPerDay: 2 }, caller, token: '' })).resolves.toMatchObject({ id: 'demo-grace', maxPerDay: 2 });
    expect(saved).toEqual([{ ...fields, maxPerDay: 2, id: 'demo-grace' }]);
  });
});

describe('PUT /interviewers/{id} with a calendar', () => {
  const put = (caller: unknown, provider: string) => replace?.run({ params: { id: 'demo-grace' }, query: {}, body: { ...fields, calendar: { provider } }, caller, token: '' });

  it('{calendar:{provider:"google"}} connects the interviewer through the organisation’s connection and answers with it', async () => {
    const { caller, saved, calendars } = callerWith(['demo-grace'], { google: { account: 'portal@x.iam.gserviceaccount.com' }, microsoft: null });
    await expect(put(caller, 'google')).resolves.toMatchObject({ id: 'demo-grace', calendar: { provider: 'google' } });
    expect(saved).toEqual([{ ...fields, id: 'demo-grace' }]);
    expect(calendars).toEqual(['google']);
  });

  it('{calendar:{provider:"microsoft"}} connects the interviewer through the organisation’s app registration and answers with it', async () => {
    const { caller, saved, calendars } = callerWith(['demo-grace'], { google: null, microsoft: { clientId: 'app', tenantId: 'tenant' } });
    await expect(put(caller, 'microsoft')).resolves.toMatchObject({ id: 'demo-grace', calendar: { provider: 'microsoft' } });
    expect(saved).toEqual([{ ...fields, id: 'demo-grace' }]);
    expect(calendars).toEqual(['microsoft']);
  });

  it('google or microsoft without an organisation connection, or caldav not connected in the console: BAD_INPUT, and nothing is saved', async () => {
    for (const provider of ['google', 'microsoft', 'caldav']) {
      const { caller, saved, calendars } = callerWith(['demo-grace']);
      await expect(put(caller, provider)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      expect([saved, calendars]).toEqual([[], []]);
    }
  });

  it('none disconnects', async () => {
    const { caller, calendars } = callerWith(['demo-grace']);
    await expect(put(caller, 'none')).resolves.toMatchObject({ calendar: { provider: 'none' } });
    expect(calendars).toEqual(['none']);
  });
});
