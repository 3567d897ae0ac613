import { generateKeyPairSync, sign } from 'node:crypto';
import { auth, calendar, type calendar_v3 } from '@googleapis/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_ADMIN_TOKEN, startGoogleCalendarStandIn, type RunningGoogleCalendarStandIn } from './google-calendar-stand-in';
import type { GoogleErrorBody } from './google-errors';

let standIn: RunningGoogleCalendarStandIn;
beforeAll(async () => {
  standIn = await startGoogleCalendarStandIn({ port: 0 });
});
afterAll(() => standIn.close());

const calendarUrl = (calendarId: string, rest = '') => `${standIn.origin}/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events${rest}`;
async function call(url: string, init: { method?: string; body?: unknown; bearer?: string } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.bearer ?? STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as unknown };
}
const event = (summary: string, hour: number): calendar_v3.Schema$Event => ({
  summary,
  start: { dateTime: `2031-04-01T${String(hour).padStart(2, '0')}:00:00Z` },
  end: { dateTime: `2031-04-01T${String(hour).padStart(2, '0')}:30:00Z` },
});
const reasonOf = (body: unknown) => (body as GoogleErrorBody).error.errors[0]?.reason;

describe('Google Calendar stand-in: answers as Google documents them', () => {
  it('answers errors in Google’s JSON shape: 401 without a token, 404 for an unknown event', async () => {
    const anonymous = await fetch(calendarUrl('a@example.test'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(await anonymous.json()).toEqual({
      error: { code: 401, message: 'Login Required.', errors: [{ domain: 'global', reason: 'required', message: 'Login Required.' }], status: 'UNAUTHENTICATED' },
    });
    const missing = await call(calendarUrl('a@example.test', '/nosuchevent0'));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 404, errors: [{ reason: 'notFound' }], status: 'NOT_FOUND' } } });
  });

  it('refuses an id already taken (409 duplicate), keeps a deleted event readable as cancelled and answers a second delete 410', async () => {
    const created = await call(calendarUrl('b@example.test'), { method: 'POST', body: { ...event('one', 9), id: 'abcdef0123' } });
    expect(created).toMatchObject({ status: 200, body: { id: 'abcdef0123', iCalUID: 'abcdef0123@google.com', status: 'confirmed', transparency: 'opaque' } });
    expect(reasonOf((await call(calendarUrl('b@example.test'), { method: 'POST', body: { ...event('two', 10), id: 'abcdef0123' } })).body)).toBe('duplicate');
    expect((await call(calendarUrl('b@example.test', '/abcdef0123'), { method: 'DELETE' })).status).toBe(204);
    expect((await call(calendarUrl('b@example.test', '/abcdef0123'))).body).toMatchObject({ status: 'cancelled' });
    const again = await call(calendarUrl('b@example.test', '/abcdef0123'), { method: 'DELETE' });
    expect(again.status).toBe(410);
    expect(reasonOf(again.body)).toBe('deleted');
  });

  it('imports by iCalUID: a second import of the same UID updates the one event', async () => {
    const first = await call(calendarUrl('c@example.test', '/import'), { method: 'POST', body: { ...event('first', 9), iCalUID: 'x@portal' } });
    const second = await call(calendarUrl('c@example.test', '/import'), { method: 'POST', body: { ...event('second', 11), iCalUID: 'x@portal', sequence: 1 } });
    expect((second.body as calendar_v3.Schema$Event).id).toBe((first.body as calendar_v3.Schema$Event).id);
    const listed = (await call(calendarUrl('c@example.test', '?iCalUID=x%40portal'))).body as calendar_v3.Schema$Events;
    expect(listed.items?.map((e) => e.summary)).toEqual(['second']);
    const lower = await call(calendarUrl('c@example.test', `/${(first.body as calendar_v3.Schema$Event).id ?? ''}`), { method: 'PUT', body: { ...event('older', 9), sequence: 0 } });
    expect(lower.status).toBe(400);
  });

  it('pages with page tokens, gives the sync token on the last page only, hides deleted events unless asked', async () => {
    const id = 'd@example.test';
    for (const hour of [8, 9, 10]) await call(calendarUrl(id), { method: 'POST', body: event(`e${hour}`, hour) });
    const gone = (await call(calendarUrl(id), { method: 'POST', body: event('gone', 11) })).body as calendar_v3.Schema$Event;
    await call(calendarUrl(id, `/${gone.id ?? ''}`), { method: 'DELETE' });
    const page1 = (await call(calendarUrl(id, '?maxResults=2'))).body as calendar_v3.Schema$Events;
    expect(page1.items?.map((e) => e.summary)).toEqual(['e8', 'e9']);
    expect(page1.nextSyncToken).toBeUndefined();
    const page2 = (await call(calendarUrl(id, `?maxResults=2&pageToken=${page1.nextPageToken ?? ''}`))).body as calendar_v3.Schema$Events;
    expect(page2.items?.map((e) => e.summary)).toEqual(['e10']);
    expect(page2.nextSyncToken).toEqual(expect.any(String));
    const withDeleted = (await call(calendarUrl(id, '?showDeleted=true'))).body as calendar_v3.Schema$Events;
    expect(withDeleted.items?.map((e) => `${e.summary ?? ''}:${e.status ?? ''}`)).toEqual(['e8:confirmed', 'e9:confirmed', 'e10:confirmed', 'gone:cancelled']);
    const mixed = await call(calendarUrl(id, `?syncToken=${page2.nextSyncToken ?? ''}&timeMin=2031-04-01T00:00:00Z`));
    expect(mixed.status).toBe(400);
    expect((await call(calendarUrl(id, '?syncToken=bm90LWEtdG9rZW4'))).status).toBe(410);
  });

  it('answers a fault switch with 429 rateLimitExceeded and Retry-After, for the calendar named only', async () => {
    await call(`${standIn.origin}/_stand-in/faults`, { method: 'POST', body: { status: 429, count: 1, retryAfterSeconds: 5, calendarId: 'e@example.test' } });
    expect((await call(calendarUrl('other@example.test'))).status).toBe(200);
    const limited = await call(calendarUrl('e@example.test'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(limited.body).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } });
    expect((await call(calendarUrl('e@example.test'))).status).toBe(200);
  });

  it('lets the admin bearer through a fault set with spareAdmin, without counting it', async () => {
    await call(`${standIn.origin}/_stand-in/faults`, { method: 'POST', body: { status: 429, count: 1, calendarId: 'f@example.test', spareAdmin: true } });
    expect((await call(calendarUrl('f@example.test'))).status).toBe(200);
    expect((await call(`${standIn.origin}/_stand-in/faults`, { method: 'POST', body: { status: 503, count: 1, calendarId: 'g@example.test' } })).body).toMatchObject({
      faults: [{ calendarId: 'f@example.test', remaining: 1, spareAdmin: true }, { calendarId: 'g@example.test', remaining: 1 }],
    });
    await call(`${standIn.origin}/_stand-in/faults`, { method: 'DELETE' });
  });

  it('grants tokens for a signed service-account JWT with a delegated subject, and refuses bad grants with OAuth error bodies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientEmail = 'sa@project.iam.gserviceaccount.com';
    await call(`${standIn.origin}/_stand-in/service-accounts`, { method: 'POST', body: { clientEmail, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }), domains: ['example.test'] } });
    const jwt = (claims: Record<string, unknown>) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
      return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: clientEmail, sub: 'f@example.test', scope: 'https://www.googleapis.com/auth/calendar.events', aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600 };
    const token = (form: Record<string, string>) =>
      fetch(standIn.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const granted = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt(claims) });
    expect(granted).toMatchObject({ status: 200, body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 3599 } });
    const own = await call(calendarUrl('primary'), { bearer: String(granted.body.access_token) });
    expect(own).toMatchObject({ status: 200, body: { summary: 'f@example.test' } });
    expect((await call(calendarUrl('g@example.test'), { bearer: String(granted.body.access_token) })).status).toBe(404);

    expect(await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt({ ...claims, sub: 'h@elsewhere.test' }) })).toMatchObject({ status: 401, body: { error: 'unauthorized_client' } });
    expect(await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${jwt(claims).slice(0, -4)}AAAA` })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: 'never-issued' })).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    expect(await token({ grant_type: 'password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });
});

describe('Google Calendar stand-in: Google Meet conferences, through the official client', () => {
  let api: calendar_v3.Calendar;
  beforeAll(() => {
    const admin = new auth.OAuth2();
    admin.setCredentials({ access_token: STAND_IN_ADMIN_TOKEN, expiry_date: Date.now() + 3_600_000 });
    api = calendar({ version: 'v3', auth: admin, rootUrl: standIn.rootUrl, retry: false });
  });
  const MEET_LINK = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
  const meet = (requestId: string, type = 'hangoutsMeet'): calendar_v3.Schema$ConferenceData => ({ createRequest: { requestId, conferenceSolutionKey: { type } } });
  const refusedWith = (status: number, reason: string, message: string) => ({ status, response: { data: { error: { code: status, errors: [{ reason, message }] } } } });
  const openMeet = (calendarId: string, id: string) =>
    api.events.insert({ calendarId, conferenceDataVersion: 1, requestBody: { ...event('interview', 9), id, conferenceData: meet(id) } }).then((r) => r.data);

  it('insert at conferenceDataVersion 1 makes a Meet conference, answered by insert, get and list alike', async () => {
    const made = await openMeet('meet-a@example.test', 'meeta0001');
    expect(made.hangoutLink).toMatch(MEET_LINK);
    const code = made.hangoutLink?.slice('https://meet.google.com/'.length);
    expect(made.conferenceData).toEqual({
      createRequest: { requestId: 'meeta0001', conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri: made.hangoutLink, label: `meet.google.com/${code ?? ''}` }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: expect.stringMatching(/^https:\/\//) as unknown },
      conferenceId: code,
    });
    const read = (await api.events.get({ calendarId: 'meet-a@example.test', eventId: 'meeta0001' })).data;
    expect(read).toMatchObject({ hangoutLink: made.hangoutLink, conferenceData: made.conferenceData });
    const listed = (await api.events.list({ calendarId: 'meet-a@example.test' })).data.items ?? [];
    expect(listed.map((e) => e.hangoutLink)).toEqual([made.hangoutLink]);
  });

  it('a retried insert with the same id answers 409 duplicate, and the event keeps its one link', async () => {
    const first = await openMeet('meet-b@example.test', 'meetb0001');
    await expect(openMeet('meet-b@example.test', 'meetb0001')).rejects.toMatchObject(refusedWith(409, 'duplicate', 'The requested identifier already exists.'));
    const read = (await api.events.get({ calendarId: 'meet-b@example.test', eventId: 'meetb0001' })).data;
    expect(read.hangoutLink).toBe(first.hangoutLink);
    await expect(api.events.insert({ calendarId: 'meet-b@example.test', requestBody: { ...event('bad id', 9), id: 'MeetB-1' } })).rejects.toMatchObject(
      refusedWith(400, 'invalid', 'Invalid resource id value.'),
    );
  });

  it('keeps the conference through an update at version 0, a patch of the times and the same requestId again; an update at 1 without it removes it', async () => {
    const calendarId = 'meet-c@example.test';
    const { hangoutLink, conferenceData } = await openMeet(calendarId, 'meetc0001');
    const updated = (await api.events.update({ calendarId, eventId: 'meetc0001', requestBody: { ...event('renamed', 9), conferenceData: meet('other', 'eventHangout') } })).data;
    expect(updated).toMatchObject({ summary: 'renamed', hangoutLink, conferenceData });
    const moved = (await api.events.patch({ calendarId, eventId: 'meetc0001', requestBody: { start: { dateTime: '2031-04-01T14:00:00Z' }, end: { dateTime: '2031-04-01T15:00:00Z' } } })).data;
    expect(moved).toMatchObject({ start: { dateTime: '2031-04-01T14:00:00Z' }, hangoutLink, conferenceData });
    const again = (await api.events.patch({ calendarId, eventId: 'meetc0001', conferenceDataVersion: 1, requestBody: { conferenceData: meet('meetc0001') } })).data;
    expect(again).toMatchObject({ hangoutLink, conferenceData });
    const bare = (await api.events.update({ calendarId, eventId: 'meetc0001', conferenceDataVersion: 1, requestBody: event('no call', 9) })).data;
    expect(bare.hangoutLink).toBeUndefined();
    expect(bare.conferenceData).toBeUndefined();
  });

  it('a deleted conference event reads as cancelled without its conference, and its id stays taken', async () => {
    const calendarId = 'meet-d@example.test';
    await openMeet(calendarId, 'meetd0001');
    await api.events.delete({ calendarId, eventId: 'meetd0001' });
    const read = (await api.events.get({ calendarId, eventId: 'meetd0001' })).data;
    expect(read).toMatchObject({ id: 'meetd0001', status: 'cancelled' });
    expect(read.hangoutLink).toBeUndefined();
    expect(read.conferenceData).toBeUndefined();
    await expect(openMeet(calendarId, 'meetd0001')).rejects.toMatchObject(refusedWith(409, 'duplicate', 'The requested identifier already exists.'));
  });

  it('refuses a conference type other than hangoutsMeet or addOn with 400 invalid, and ignores conferenceData at version 0', async () => {
    const calendarId = 'meet-e@example.test';
    const refused = api.events.insert({ calendarId, conferenceDataVersion: 1, requestBody: { ...event('hangout', 9), conferenceData: meet('meete0001', 'eventHangout') } });
    await expect(refused).rejects.toMatchObject(refusedWith(400, 'invalid', 'Invalid conference type value.'));
    const plain = (await api.events.insert({ calendarId, requestBody: { ...event('version 0', 10), conferenceData: meet('meete0002') } })).data;
    expect(plain.hangoutLink).toBeUndefined();
    expect(plain.conferenceData).toBeUndefined();
  });
});
