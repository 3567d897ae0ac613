import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startZoomStandIn, type CallRecord, type RunningZoomStandIn, type ZoomMeeting } from './zoom-stand-in';

const CLIENT_ID = 'portal-app';
const CLIENT_SECRET = 'portal-secret';

let zoom: RunningZoomStandIn;
beforeAll(async () => {
  zoom = await startZoomStandIn({ port: 0, clients: { [CLIENT_ID]: CLIENT_SECRET } });
});
afterAll(() => zoom.close());

const basic = (secret: string) => `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`;
async function requestToken(accountId: string, secret = CLIENT_SECRET) {
  const response = await fetch(`${zoom.oauthUrl}?grant_type=account_credentials&account_id=${accountId}`, { method: 'POST', headers: { authorization: basic(secret) } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
async function signIn(accountId: string): Promise<string> {
  const { body } = await requestToken(accountId);
  return String(body.access_token);
}
async function call(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${zoom.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : null) as unknown };
}
async function control(accountId: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${zoom.origin}/_stand-in/${accountId}${path}`, { method: init.method ?? 'GET', ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  return (await response.json()) as unknown;
}
const scheduled = (topic: string, start_time = '2031-12-01T10:00:00Z') => ({ topic, type: 2, start_time, duration: 45, timezone: 'UTC', agenda: 'Screening call' });
const create = (token: string, body: unknown = scheduled('Screening')) => call(token, '/users/me/meetings', { method: 'POST', body });
const idOf = (created: { body: unknown }) => (created.body as ZoomMeeting).id;

describe('Zoom stand-in: answers as Zoom documents it', () => {
  it('gives a bearer token for account credentials sent in the query or as a form, and refuses a wrong secret or a missing account_id with 400', async () => {
    expect(await requestToken('acct-token')).toEqual({
      status: 200,
      body: { access_token: expect.any(String), token_type: 'bearer', expires_in: 3599, scope: 'meeting:write:meeting:admin meeting:read:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin', api_url: zoom.origin },
    });
    const form = await fetch(zoom.oauthUrl, { method: 'POST', headers: { authorization: basic(CLIENT_SECRET) }, body: new URLSearchParams({ grant_type: 'account_credentials', account_id: 'acct-token' }) });
    expect(form.status).toBe(200);
    expect(await requestToken('acct-token', 'wrong')).toEqual({ status: 400, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } });
    expect(await requestToken('')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(((await control('acct-token', '/calls')) as CallRecord[]).map((c) => [c.path, c.status])).toEqual([['/oauth/token', 200], ['/oauth/token', 200], ['/oauth/token', 400]]);
  });

  it('creates 201 with the meeting object, reads it back 200, patches 204, deletes 204, and then knows it no more (404 code 3001)', async () => {
    const token = await signIn('acct-crud');
    const created = await create(token, { ...scheduled('Screening: Ada'), start_time: '2031-12-01T10:00:00', timezone: 'Europe/Berlin', settings: { waiting_room: true } });
    const meeting = created.body as ZoomMeeting;
    expect(created).toMatchObject({ status: 201, body: { topic: 'Screening: Ada', type: 2, status: 'waiting', start_time: '2031-12-01T09:00:00Z', duration: 45, timezone: 'Europe/Berlin', agenda: 'Screening call', host_id: expect.any(String), host_email: expect.any(String), uuid: expect.any(String), created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), settings: { waiting_room: true } } });
    expect(String(meeting.id)).toMatch(/^[1-9]\d{10}$/);
    expect(meeting.join_url).toBe(`${zoom.origin}/j/${meeting.id}?pwd=${meeting.password}`);
    expect(meeting.start_url).toMatch(new RegExp(`^${zoom.origin}/s/${meeting.id}\\?zak=`));
    expect((await fetch(meeting.join_url)).status).toBe(200);

    expect(await call(token, `/meetings/${meeting.id}`, { method: 'PATCH', body: { start_time: '2031-12-02T08:30:00Z', duration: 30 } })).toMatchObject({ status: 204, text: '' });
    expect(await call(token, `/meetings/${meeting.id}`)).toMatchObject({ status: 200, body: { ...meeting, start_time: '2031-12-02T08:30:00Z', duration: 30 } });
    expect(await call(token, `/meetings/${meeting.id}`, { method: 'DELETE' })).toMatchObject({ status: 204, text: '' });
    expect(await call(token, `/meetings/${meeting.id}`)).toEqual({ status: 404, text: expect.any(String), body: { code: 3001, message: `Meeting does not exist: ${meeting.id}.` } });
    expect((await call(token, `/meetings/${meeting.id}`, { method: 'PATCH', body: { topic: 'late' } })).status).toBe(404);
    expect((await fetch(meeting.join_url)).status).toBe(404);
  });

  it('refuses a bad body with 400 code 300 saying what is wrong', async () => {
    const token = await signIn('acct-invalid');
    const refusal = async (body: unknown) => {
      const answer = await create(token, body);
      expect(answer.status).toBe(400);
      return answer.body as { code: number; message: string };
    };
    expect(await refusal({ ...scheduled('x'), topic: 'x'.repeat(201) })).toEqual({ code: 300, message: expect.stringContaining('topic') });
    expect(await refusal({ ...scheduled('x'), duration: 0 })).toEqual({ code: 300, message: expect.stringContaining('duration') });
    expect(await refusal({ ...scheduled('x'), start_time: undefined })).toEqual({ code: 300, message: expect.stringContaining('start_time') });
    expect(await refusal('{ not json')).toEqual({ code: 300, message: expect.any(String) });
    expect(await control('acct-invalid', '/meetings')).toEqual([]);
  });

  it('answers 401 code 124 without a token, with an unknown one, and with one past its expires_in', async () => {
    const token = await signIn('acct-expiry');
    expect(await call('', '/users/me/meetings')).toMatchObject({ status: 401, body: { code: 124, message: 'Invalid access token.' } });
    expect(await call('not-a-token', '/users/me/meetings')).toMatchObject({ status: 401, body: { code: 124, message: 'Invalid access token.' } });
    expect((await call(token, '/users/me/meetings')).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3600 * 1000);
      expect(await call(token, '/users/me/meetings')).toMatchObject({ status: 401, body: { code: 124 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps accounts apart: another account’s meeting is 404 and absent from the list, and each account sees only its own calls', async () => {
    const [mine, theirs] = await Promise.all([signIn('acct-apart-a'), signIn('acct-apart-b')]);
    const id = idOf(await create(mine));
    expect((await call(theirs, `/meetings/${id}`)).status).toBe(404);
    expect((await call(theirs, `/meetings/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await call(theirs, '/users/me/meetings')).toMatchObject({ status: 200, body: { total_records: 0, meetings: [] } });
    expect((await call(mine, `/meetings/${id}`)).status).toBe(200);
    const theirCalls = (await control('acct-apart-b', '/calls')) as CallRecord[];
    expect(theirCalls.map((c) => [c.method, c.path, c.meetingId, c.status])).toEqual([
      ['POST', '/oauth/token', null, 200],
      ['GET', `/v2/meetings/${id}`, String(id), 404],
      ['DELETE', `/v2/meetings/${id}`, String(id), 404],
      ['GET', '/v2/users/me/meetings', null, 200],
    ]);
  });

  it('lists a host’s meetings by start time, a page at a time with an opaque next_page_token; upcoming leaves out the meetings that are over', async () => {
    const token = await signIn('acct-pages');
    for (const day of [5, 3, 4, 1, 2]) expect((await create(token, scheduled(`day ${day}`, `2031-03-0${day}T09:00:00Z`))).status).toBe(201);
    expect((await create(token, scheduled('over', '2020-01-01T09:00:00Z'))).status).toBe(201);
    const topics: string[] = [];
    let pageToken = '';
    do {
      const { status, body } = await call(token, `/users/me/meetings?type=upcoming&page_size=2&next_page_token=${pageToken}`);
      const page = body as { page_size: number; total_records: number; next_page_token: string; meetings: ZoomMeeting[] };
      expect(status).toBe(200);
      expect(page).toMatchObject({ page_size: 2, total_records: 5 });
      topics.push(...page.meetings.map((m) => m.topic));
      pageToken = page.next_page_token;
    } while (pageToken !== '');
    expect(topics).toEqual(['day 1', 'day 2', 'day 3', 'day 4', 'day 5']);
    expect(await call(token, '/users/me/meetings?type=scheduled')).toMatchObject({ body: { page_size: 30, total_records: 6, next_page_token: '' } });
    expect(await call(token, '/users/me/meetings?next_page_token=made-up')).toMatchObject({ status: 400, body: { code: 300 } });
  });

  it('during an outage answers 503 to every API call of that account until it is lifted, while tokens are still given', async () => {
    const token = await signIn('acct-outage');
    await control('acct-outage', '/outage', { method: 'POST', body: { seconds: 60 } });
    expect(await create(token)).toMatchObject({ status: 503, body: { code: 503 } });
    expect((await call(token, '/users/me/meetings')).status).toBe(503);
    expect((await requestToken('acct-outage')).status).toBe(200);
    expect((await create(await signIn('acct-outage-other'))).status).toBe(201);
    await control('acct-outage', '/outage', { method: 'DELETE' });
    expect((await create(token)).status).toBe(201);
  });

  it('during a hold makes the meeting at once but answers the create only when the hold ends, lifted or moved by the test', async () => {
    const token = await signIn('acct-hold');
    const heldCreate = async (count: number) => {
      await control('acct-hold', '/hold', { method: 'POST', body: { seconds: 60 } });
      const answer = { settled: false, promise: create(token) };
      void answer.promise.then(() => (answer.settled = true));
      const stored = await vi.waitFor(async () => {
        const meetings = (await control('acct-hold', '/meetings')) as ZoomMeeting[];
        expect(meetings).toHaveLength(count);
        return meetings.at(-1);
      });
      return { ...answer, id: stored?.id };
    };

    const lifted = await heldCreate(1);
    expect(((await control('acct-hold', '/calls')) as CallRecord[]).at(-1)).toMatchObject({ method: 'POST', meetingId: String(lifted.id), status: 201 });
    expect(lifted.settled).toBe(false);
    await control('acct-hold', '/hold', { method: 'DELETE' });
    expect(await lifted.promise).toMatchObject({ status: 201, body: { id: lifted.id } });

    const moved = await heldCreate(2);
    const shortened = Date.now();
    await control('acct-hold', '/hold', { method: 'POST', body: { seconds: 0.3 } });
    expect(moved.settled).toBe(false);
    expect(await moved.promise).toMatchObject({ status: 201, body: { id: moved.id } });
    expect(Date.now() - shortened).toBeGreaterThanOrEqual(250);
  });
});
