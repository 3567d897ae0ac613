import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './support/api-client';
import { alwaysAvailableFields, alwaysAvailableInterviewer, eventually, invitationTo, linkToken, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';
import { SHARED_SECOND_SETTINGS, sharedPortal } from './support/shared-portal';

/**
 * Two hiring teams in one deployment (docs/adr/0076), tried as a company would: engineering and
 * sales, a key each, an HR user each, a hiring manager in engineering. Each team sees only its
 * own records; another team's answers exactly as a missing one.
 */
const run = Date.now();
const ENGINEERING = `eng-${run}`;
const SALES = `sales-${run}`;
const POSITION = `Backend Engineer ${run}`;
const OTHER_POSITION = `Site Reliability Engineer ${run}`;
const PASSWORD = 'a-long-team-password';
const HOUR = 3_600_000;

type Api = ReturnType<typeof createApiClient>;

let portal: PortalUnderTest;
let rest: RestClient;
let ownerCookie: string;
const keys = { eng: '', sales: '' };
const interviewers = { eng: '', sales: '' };
const endpoints = { eng: '', sales: '' };
const interviews = { eng: '', engOther: '', engBooked: '', sales: '' };
let engLoop: string;
let engToken: string;

/** A signed-in client and its cookie, for tRPC and the REST routes that take the console's session. */
async function signIn(email: string, password: string): Promise<{ api: Api; cookie: string }> {
  const jar: { value?: string } = {};
  const api = createApiClient(portal.bookingUrl, jar);
  await api.mutation('hr.auth.signIn', { email, password });
  return { api, cookie: jar.value ?? '' };
}

const code = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? error.code : String(error)));

async function invite(key: string, email: string, interviewerId: string, position = POSITION): Promise<string> {
  const answer = await rest<{ interviewId: string }>('post', '/invitations', {
    bearer: key,
    body: { candidate: { name: 'Team Candidate', email, timezone: 'Europe/London' }, position, kind: 'technical', interviewerIds: [interviewerId] },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.interviewId;
}

/** The owner acting in `team` from a session of its own. */
async function ownerIn(team: string): Promise<Api> {
  const { api } = await signIn('admin@example.test', 'dev-admin-password');
  await api.mutation('hr.teams.switch', { team });
  return api;
}

beforeAll(async () => {
  // The run's shared portal with interviews in seconds: other files' records live beside these, in the default team.
  portal = await sharedPortal(SHARED_SECOND_SETTINGS);
  rest = createRestClient(portal.bookingUrl);
  ({ cookie: ownerCookie } = await signIn('admin@example.test', 'dev-admin-password'));
}, 240_000);

afterAll(async () => {
  // The endpoints name hosts that do not exist: removed, so the shared portal stops retrying them.
  for (const team of ['eng', 'sales'] as const) if (endpoints[team]) await rest('delete', `/webhook-endpoints/${endpoints[team]}`, { bearer: keys[team] });
  await portal?.stop();
});

describe('hiring teams, each with its own records', () => {
  it('the owner makes two teams over REST with the console session; a key cannot', { timeout: 60_000 }, async () => {
    for (const [id, name, branding] of [
      [ENGINEERING, 'Engineering', { logoUrl: 'https://cdn.example.test/eng.png', colour: '#114488' }],
      [SALES, 'Sales', undefined],
    ] as const) {
      const created = await rest<{ id: string; name: string }>('post', '/teams', { cookie: ownerCookie, body: { id, name, ...(branding ? { branding } : {}) } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toEqual({ id, name, branding: branding ?? null });
    }
    expect((await rest('post', '/teams', { cookie: ownerCookie, body: { id: SALES, name: 'Again' } })).status).toBe(409);
    const listed = await rest<{ items: { id: string }[] }>('get', '/teams', { cookie: ownerCookie });
    expect(listed.body.items.map((team) => team.id)).toEqual(expect.arrayContaining(['default', ENGINEERING, SALES]));
    const renamed = await rest('put', `/teams/${SALES}`, { cookie: ownerCookie, body: { name: 'Sales EMEA', branding: { colour: '#aa3300' } } });
    expect(renamed.body).toEqual({ id: SALES, name: 'Sales EMEA', branding: { colour: '#aa3300' } });
    expect((await rest('get', `/teams/nope-${run}`, { cookie: ownerCookie })).status).toBe(404);

    for (const team of ['eng', 'sales'] as const) {
      const made = await rest<{ key: string; team: string }>('post', '/api-keys', { cookie: ownerCookie, body: { name: `${team} ATS ${run}`, scopes: ['read', 'write'], team: team === 'eng' ? ENGINEERING : SALES } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.team).toBe(team === 'eng' ? ENGINEERING : SALES);
      keys[team] = made.body.key;
    }
    // A key of a team never manages teams: the route takes the owner's console session only.
    expect((await rest('get', '/teams', { bearer: keys.eng })).status).toBe(401);
  });

  it("team B's key gets 404 for team A's interview, interviewer, scorecards and webhook endpoint, exactly as for missing ones", { timeout: 120_000 }, async () => {
    for (const team of ['eng', 'sales'] as const) {
      const made = await rest<{ id: string }>('post', '/interviewers', { bearer: keys[team], body: alwaysAvailableFields(`${team} Interviewer ${run}`) });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      interviewers[team] = made.body.id;
      const endpoint = await rest<{ id: string; secret: string }>('post', '/webhook-endpoints', {
        bearer: keys[team],
        // The run's shared portal sends to public hosts only: what each endpoint is sent is read from its delivery log.
        body: { url: `https://ats-${team}.example.test/hooks/${run}`, events: ['interview.invited', 'interview.booked'], description: `${team} ATS` },
      });
      expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
      endpoints[team] = endpoint.body.id;
    }
    interviews.eng = await invite(keys.eng, `eng.${run}@example.test`, interviewers.eng);
    interviews.sales = await invite(keys.sales, `sales.${run}@example.test`, interviewers.sales);

    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [path, absent] of [
      [`/interviews/${interviews.eng}`, `/interviews/${missing}`],
      [`/interviews/${interviews.eng}/scorecards`, `/interviews/${missing}/scorecards`],
      [`/interviewers/${interviewers.eng}`, `/interviewers/missing-${run}`],
      [`/webhook-endpoints/${endpoints.eng}`, `/webhook-endpoints/whe_AAAAAAAAAAAAAAAAAAAA`],
    ] as const) {
      const theirs = await rest<ProblemAnswer>('get', path, { bearer: keys.sales });
      const none = await rest<ProblemAnswer>('get', absent, { bearer: keys.sales });
      expect({ path, status: theirs.status, body: theirs.body }).toEqual({ path, status: 404, body: none.body });
      // Their own key reads it.
      expect((await rest('get', path, { bearer: keys.eng })).status).toBe(200);
    }
    // Nor can B act on it.
    expect((await rest('post', `/interviews/${interviews.eng}/cancel`, { bearer: keys.sales, body: { reason: 'Not yours' } })).status).toBe(404);
    // B cannot invite with A's interviewer, and nothing is written.
    const withTheirs = await rest<ProblemAnswer>('post', '/invitations', {
      bearer: keys.sales,
      body: { candidate: { name: 'Crossing', email: `crossing.${run}@example.test`, timezone: 'UTC' }, position: POSITION, kind: 'technical', interviewerIds: [interviewers.eng] },
    });
    expect(withTheirs.status, JSON.stringify(withTheirs.body)).toBe(400);
    expect(withTheirs.body.error.message).toMatch(/interviewer/i);
    // The lists: each team's interviewers only.
    const salesPeople = await rest<{ items: { id: string }[] }>('get', '/interviewers', { bearer: keys.sales });
    expect(salesPeople.body.items.map((i) => i.id)).toEqual([interviewers.sales]);
  });

  it("B's change feed never shows A's interviews, and B's webhook is sent none of A's events", { timeout: 120_000 }, async () => {
    const feed = async (key: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const answer = await rest<{ items: { id: string }[]; nextCursor: string | null; hasMore: boolean }>(
          'get',
          `/interviews?limit=100&updatedSince=${encodeURIComponent(new Date(run - HOUR).toISOString())}${cursor ? `&cursor=${cursor}` : ''}`,
          { bearer: key },
        );
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        ids.push(...answer.body.items.map((item) => item.id));
        if (!answer.body.hasMore || answer.body.nextCursor === null) break;
        cursor = answer.body.nextCursor;
      }
      return ids;
    };
    expect(await feed(keys.sales)).toEqual([interviews.sales]);
    expect(await feed(keys.eng)).toEqual([interviews.eng]);

    const heard = async (team: 'eng' | 'sales') => {
      const log = await rest<{ items: { interviewId: string | null }[] }>('get', `/webhook-endpoints/${endpoints[team]}/deliveries`, { bearer: keys[team] });
      return log.body.items.flatMap((item) => (item.interviewId === null ? [] : [item.interviewId]));
    };
    await eventually(async () => ((await heard('eng')).includes(interviews.eng) && (await heard('sales')).includes(interviews.sales) ? true : undefined), ASYNC_WAIT_MS, 'each team its own invited event');
    // B's key cannot read A's delivery log either.
    expect((await rest('get', `/webhook-endpoints/${endpoints.eng}/deliveries`, { bearer: keys.sales })).status).toBe(404);
    // A moment more for anything sent astray to arrive.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(new Set(await heard('sales'))).toEqual(new Set([interviews.sales]));
    expect(new Set(await heard('eng'))).toEqual(new Set([interviews.eng]));
  });

  it("the same over tRPC for each team's HR sessions: B's recruiter finds none of A's interviews or loops", { timeout: 120_000 }, async () => {
    const inSales = await ownerIn(SALES);
    await inSales.mutation('hr.users.create', { email: `recruiter.sales.${run}@example.test`, role: 'recruiter', password: PASSWORD });
    const inEng = await ownerIn(ENGINEERING);
    const other = (await alwaysAvailableInterviewer(inEng, `Eng Loop ${run}`)).id;
    const loop = await inEng.mutation<{ loopId: string }>('hr.loops.invite', {
      candidateName: 'Loop Candidate',
      candidateEmail: `loop.${run}@example.test`,
      candidateTimezone: 'UTC',
      position: `Staff ${POSITION}`,
      sessions: [
        { title: 'Systems', kind: 'technical', durationMinutes: 30, interviewerIds: [interviewers.eng], panelSize: 1 },
        { title: 'Values', kind: 'technical', durationMinutes: 30, interviewerIds: [other], panelSize: 1 },
      ],
      rules: {},
    });
    engLoop = loop.loopId;

    const { api: recruiter, cookie: recruiterCookie } = await signIn(`recruiter.sales.${run}@example.test`, PASSWORD);
    // The Temporal Web UI shows every team's lifecycles: its codec decodes for the owner alone.
    const decode = await fetch(`${portal.bookingUrl}/codec/decode`, { method: 'POST', headers: { cookie: recruiterCookie, 'content-type': 'application/json' }, body: JSON.stringify({ payloads: [] }) });
    expect(decode.status).toBe(403);
    expect(await recruiter.query<{ current: string; role: string }>('hr.teams.mine')).toMatchObject({ current: SALES, role: 'recruiter' });
    expect(await code(recruiter.query('hr.interviews.get', { interviewId: interviews.eng }))).toBe('NOT_FOUND');
    expect(await code(recruiter.query('hr.loops.get', { loopId: engLoop }))).toBe('NOT_FOUND');
    expect(await code(recruiter.mutation('hr.teams.switch', { team: ENGINEERING }))).toBe('NOT_FOUND');
    const listed = await recruiter.query<{ items: { interviewId: string }[] }>('hr.interviews.list', { page: 1, pageSize: 50 });
    expect(listed.items.map((item) => item.interviewId)).toEqual([interviews.sales]);
    const people = await recruiter.query<{ id: string }[]>('hr.interviewers.list');
    expect(people.map((p) => p.id)).toEqual([interviewers.sales]);
    // A's own admin (the owner, in A) reads both.
    expect(JSON.stringify(await inEng.query('hr.loops.get', { loopId: engLoop }))).toContain(engLoop);
  });

  it('a hiring manager sets the outcome on their position and is refused (403) on interviewers, keys and another position', { timeout: 180_000 }, async () => {
    const inEng = await ownerIn(ENGINEERING);
    await inEng.mutation('hr.users.create', { email: `manager.eng.${run}@example.test`, role: 'hiring_manager', positions: [POSITION], password: PASSWORD });
    interviews.engOther = await invite(keys.eng, `other.${run}@example.test`, interviewers.eng, OTHER_POSITION);
    // A candidate of the manager's position books a time a few seconds ahead (invited now: the
    // shared portal's invitations expire in minutes); HR marks them absent once it starts.
    interviews.engBooked = await invite(keys.eng, `booked.${run}@example.test`, interviewers.eng);
    const invitation = await invitationTo(portal.sinkUrl, `booked.${run}@example.test`, interviews.engBooked);
    engToken = linkToken(invitation);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: engToken });
    const start = slots.find((slot) => Date.parse(slot.start) > Date.now() + 10_000);
    if (!start) throw new Error('no slot ahead');
    await portal.api.mutation('candidate.book', { token: engToken, start: start.start });
    await eventually(async () => (Date.now() >= Date.parse(start.start) + 1_000 ? true : undefined), 90_000, 'the start');
    await inEng.mutation('hr.interviews.markAttendance', { interviewId: interviews.engBooked, attended: false });

    const { api: manager } = await signIn(`manager.eng.${run}@example.test`, PASSWORD);
    // Their position's interviews only: not the other position's, nor the loop's (a position of its own).
    const listed = await manager.query<{ items: { interviewId: string }[]; total: number }>('hr.interviews.list', { page: 1, pageSize: 50 });
    expect(listed.items.map((item) => item.interviewId).sort()).toEqual([interviews.eng, interviews.engBooked].sort());
    expect(listed.total).toBe(2);
    await manager.mutation('hr.interviews.setOutcome', { interviewId: interviews.engBooked, outcome: 'FAILED' });
    expect((await inEng.query<{ outcome: string }>('hr.interviews.get', { interviewId: interviews.engBooked })).outcome).toBe('FAILED');
    // Their team's other position: refused, saying why; another team's interview: missing, as to anyone outside it.
    expect(await code(manager.query('hr.interviews.get', { interviewId: interviews.engOther }))).toBe('FORBIDDEN');
    expect(await code(manager.mutation('hr.interviews.setOutcome', { interviewId: interviews.engOther, outcome: 'PASSED' }))).toBe('FORBIDDEN');
    expect(await code(manager.query('hr.interviews.get', { interviewId: interviews.sales }))).toBe('NOT_FOUND');
    for (const [kind, path, input] of [
      ['query', 'hr.interviewers.list', undefined],
      ['mutation', 'hr.interviewers.upsert', alwaysAvailableFields(`Manager Made ${run}`)],
      ['query', 'hr.apiKeys.list', undefined],
      ['mutation', 'hr.apiKeys.create', { name: 'Manager key', scopes: ['read'] }],
      ['query', 'hr.webhooks.list', undefined],
      ['mutation', 'hr.interviews.invite', { candidateName: 'X', candidateEmail: `x.${run}@example.test`, candidateTimezone: 'UTC', position: POSITION, kind: 'technical', interviewerIds: [interviewers.eng] }],
    ] as const) {
      const answer = await code(kind === 'query' ? manager.query(path, input) : manager.mutation(path, input));
      expect({ path, answer }).toEqual({ path, answer: 'FORBIDDEN' });
    }
  });

  it("the candidate's page, emails and calendar file show the team's name and branding", { timeout: 120_000 }, async () => {
    const view = await portal.api.query<{ team: { name: string; branding: unknown } }>('candidate.view', { token: engToken });
    expect(view.team).toEqual({ name: 'Engineering', branding: { logoUrl: 'https://cdn.example.test/eng.png', colour: '#114488' } });
    const confirmation = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: `booked.${run}@example.test` })).find((m) => m.Tag === 'confirmation'),
      ASYNC_WAIT_MS,
      'the confirmation',
    );
    expect((confirmation.TextBody ?? '').split('\n')[0]).toBe('Engineering');
    expect(confirmation.HtmlBody).toContain('https://cdn.example.test/eng.png');
    expect(confirmation.HtmlBody).toContain('#114488');
    const ics = Buffer.from(confirmation.Attachments?.[0]?.Content ?? '', 'base64').toString('utf8');
    expect(ics).toMatch(/ORGANIZER;CN="?Engineering"?:mailto:/);
  });

  it("one team's erasure of a candidate leaves what another team holds of the same person", { timeout: 120_000 }, async () => {
    const email = `both.${run}@example.test`;
    const [ours, theirs] = [await invite(keys.eng, email, interviewers.eng), await invite(keys.sales, email, interviewers.sales)];
    const erased = await rest<{ interviewIds?: string[] }>('post', '/candidates/erasure', { bearer: keys.eng, body: { email, notify: false } });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const read = async (key: string, id: string) => (await rest<{ candidate?: { name: string; email: string } }>('get', `/interviews/${id}`, { bearer: key })).body;
    expect(JSON.stringify(await read(keys.eng, ours))).not.toContain(email);
    expect(await read(keys.sales, theirs)).toMatchObject({ candidate: { name: 'Team Candidate', email } });
    // The other team's candidate still opens their page: their data key was never theirs to destroy.
    const invitation = await invitationTo(portal.sinkUrl, email, theirs);
    expect((await portal.api.query<{ candidateName: string }>('candidate.view', { token: linkToken(invitation) })).candidateName).toBe('Team Candidate');
  });
});
