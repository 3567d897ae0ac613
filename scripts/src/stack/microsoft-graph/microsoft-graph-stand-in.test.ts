import type { Event } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphErrorBody } from './graph-errors';
import { STAND_IN_ADMIN_TOKEN, startMicrosoftGraphStandIn, type RunningMicrosoftGraphStandIn } from './microsoft-graph-stand-in';

let standIn: RunningMicrosoftGraphStandIn;
beforeAll(async () => {
  standIn = await startMicrosoftGraphStandIn({ port: 0 });
});
afterAll(() => standIn.close());

const events = (email: string, rest = '') => `${standIn.origin}/v1.0/users/${encodeURIComponent(email)}/events${rest}`;
async function call(url: string, init: { method?: string; body?: unknown; bearer?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.bearer ?? STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as unknown };
}
const event = (subject: string, hour: number): Event => ({
  subject,
  start: { dateTime: `2031-04-01T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'UTC' },
  end: { dateTime: `2031-04-01T${String(hour).padStart(2, '0')}:30:00`, timeZone: 'UTC' },
});
const teams = { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } as const;
const TEAMS_JOIN_URL = /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]{48}%40thread\.v2\/0\?context=%7b%22Tid%22%3a%22[0-9a-f-]{36}%22%2c%22Oid%22%3a%22[0-9a-f-]{36}%22%7d$/;
const codeOf = (body: unknown) => (body as GraphErrorBody).error.code;
const token = (form: Record<string, string>) =>
  fetch(`${standIn.origin}/tenant-a/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('Microsoft Graph stand-in: answers as Microsoft documents them', () => {
  it('answers errors in Graph’s shape: 401 without a token, 404 ErrorItemNotFound for an unknown event', async () => {
    const anonymous = await fetch(events('a@contoso.test'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(await anonymous.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { 'request-id': expect.any(String), date: expect.any(String) } } });
    const missing = await call(events('a@contoso.test', '/AAMkNoSuchEvent'));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(missing.headers.get('request-id')).toEqual(expect.any(String));
  });

  it('creates 201, refuses a transactionId used before by a different create (400 ErrorDuplicateTransactionId), deletes 204 and then 404', async () => {
    const created = await call(events('b@contoso.test'), { method: 'POST', body: { ...event('one', 9), transactionId: 'tx-1' } });
    expect(created).toMatchObject({ status: 201, body: { subject: 'one', showAs: 'busy', isOrganizer: true, iCalUId: expect.stringMatching(/^040000008200E00074C5B7101A82E008/), start: { dateTime: '2031-04-01T09:00:00.0000000', timeZone: 'UTC' } } });
    const id = (created.body as Event).id ?? '';
    expect(codeOf((await call(events('b@contoso.test'), { method: 'POST', body: { ...event('two', 10), transactionId: 'tx-1' } })).body)).toBe('ErrorDuplicateTransactionId');
    expect((await call(events('b@contoso.test', `/${id}`), { method: 'DELETE' })).status).toBe(204);
    expect((await call(events('b@contoso.test', `/${id}`), { method: 'DELETE' })).status).toBe(404);
  });

  it('finds events by a single-value extended property, and shows the property only when expanded', async () => {
    const property = 'String {4c9a7d35-2f61-4b8e-9a0d-6e1f3c5b7a92} Name interviewPortalICalUID';
    await call(events('c@contoso.test'), { method: 'POST', body: { ...event('tagged', 9), singleValueExtendedProperties: [{ id: property, value: "o'neil@portal" }] } });
    await call(events('c@contoso.test'), { method: 'POST', body: event('other', 10) });
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${property}' and ep/value eq 'o''neil@portal')`);
    const plain = await call(events('c@contoso.test', `?$filter=${filter}`));
    expect((plain.body as { value: Event[] }).value.map((e) => [e.subject, e.singleValueExtendedProperties])).toEqual([['tagged', undefined]]);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${property}')`);
    const expanded = await call(events('c@contoso.test', `?$filter=${filter}&$expand=${expand}`));
    expect((expanded.body as { value: Event[] }).value[0]?.singleValueExtendedProperties).toEqual([{ id: property, value: "o'neil@portal" }]);
    expect(codeOf((await call(events('c@contoso.test', "?$filter=subject eq 'x'"))).body)).toBe('ErrorInvalidUrlQueryFilter');
  });

  it('filters a string property by contains, startswith and ne (the value in any case, the name as written), and $select keeps the fields asked for', async () => {
    const property = 'String {4c9a7d35-2f61-4b8e-9a0d-6e1f3c5b7a92} Name interviewPortalICalUID';
    const mailbox = 'd@contoso.test';
    await call(events(mailbox), { method: 'POST', body: { ...event('first', 9), singleValueExtendedProperties: [{ id: property, value: 'int-1@interview-portal' }] } });
    await call(events(mailbox), { method: 'POST', body: { ...event('second', 10), singleValueExtendedProperties: [{ id: property, value: 'INT-2@Interview-Portal' }] } });
    await call(events(mailbox), { method: 'POST', body: { ...event('elsewhere', 11), singleValueExtendedProperties: [{ id: property, value: 'meeting@crm.test' }] } });
    await call(events(mailbox), { method: 'POST', body: event('own', 12) });
    const subjects = async (clause: string, rest = '') =>
      ((await call(events(mailbox, `?$filter=${encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${property}' and ${clause})`)}${rest}`))).body as { value: Event[] }).value.map((e) => e.subject ?? e.id);
    expect(await subjects("contains(ep/value, '@interview-portal')")).toEqual(['first', 'second']);
    expect(await subjects("startswith(ep/value, 'int-2')")).toEqual(['second']);
    expect(await subjects("ep/value ne 'int-1@interview-portal'")).toEqual(['second', 'elsewhere']);
    const lowerName = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${property.replace('interviewPortal', 'interviewportal')}' and contains(ep/value, 'int'))`);
    expect(((await call(events(mailbox, `?$filter=${lowerName}`))).body as { value: Event[] }).value).toEqual([]);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${property}')`);
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${property}' and contains(ep/value, '@interview-portal'))`);
    const slim = ((await call(events(mailbox, `?$filter=${filter}&$select=id&$expand=${expand}`))).body as { value: Record<string, unknown>[] }).value;
    expect(slim.map((e) => Object.keys(e).sort())).toEqual([['@odata.etag', 'id', 'singleValueExtendedProperties'], ['@odata.etag', 'id', 'singleValueExtendedProperties']]);
    expect(slim.map((e) => e.singleValueExtendedProperties)).toEqual([[{ id: property, value: 'int-1@interview-portal' }], [{ id: property, value: 'INT-2@Interview-Portal' }]]);
  });

  it('pages a list by $top with @odata.nextLink, and a delta round with $skiptoken and $deltatoken links', async () => {
    await Promise.all([1, 2, 3].map((n) => call(events('d@contoso.test'), { method: 'POST', body: event(`e${n}`, 9 + n) })));
    const first = (await call(events('d@contoso.test', '?$top=2'))).body as { value: Event[]; '@odata.nextLink': string };
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/d%40contoso\.test\/events\?.*%24skip=2|\$skip=2/);
    const window = 'startDateTime=2031-04-01T00:00:00Z&endDateTime=2031-04-02T00:00:00Z';
    const delta = await call(`${standIn.origin}/v1.0/users/d%40contoso.test/calendarView/delta?${window}`, { headers: { prefer: 'odata.maxpagesize=2' } });
    expect(delta.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const next = (delta.body as { '@odata.nextLink': string })['@odata.nextLink'];
    expect(next).toContain('/calendarView/delta?$skiptoken=');
    const last = await call(next.replace(/^https:/, 'http:'));
    expect((last.body as { '@odata.deltaLink': string })['@odata.deltaLink']).toContain('/calendarView/delta?$deltatoken=');
    expect(codeOf((await call(`${standIn.origin}/v1.0/users/d%40contoso.test/calendarView/delta`)).body)).toBe('ErrorInvalidParameter');
  });

  it('makes a Teams meeting on an event that asks for one, and keeps it and its join link through moves and an isOnlineMeeting: false, as Graph does', async () => {
    const mailbox = 'teams-a@contoso.test';
    const created = await call(events(mailbox), { method: 'POST', body: { ...event('interview', 9), ...teams } });
    expect(created).toMatchObject({ status: 201, body: { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', onlineMeetingUrl: null, onlineMeeting: { joinUrl: expect.stringMatching(TEAMS_JOIN_URL) } } });
    const { id = '', onlineMeeting } = created.body as Event;
    const joinUrl = onlineMeeting?.joinUrl;
    const moved = await call(events(mailbox, `/${id}`), { method: 'PATCH', body: { subject: 'moved', start: { dateTime: '2031-04-01T14:00:00', timeZone: 'UTC' }, end: { dateTime: '2031-04-01T15:00:00', timeZone: 'UTC' } } });
    expect(moved).toMatchObject({ status: 200, body: { subject: 'moved', start: { dateTime: '2031-04-01T14:00:00.0000000' }, isOnlineMeeting: true, onlineMeeting: { joinUrl } } });
    const switchedOff = await call(events(mailbox, `/${id}`), { method: 'PATCH', body: { isOnlineMeeting: false, onlineMeetingProvider: 'skypeForBusiness', onlineMeeting: null } });
    expect(switchedOff).toMatchObject({ status: 200, body: { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', onlineMeeting: { joinUrl } } });
    const fields = (e: Event) => [e.id, e.isOnlineMeeting, e.onlineMeetingProvider, e.onlineMeeting?.joinUrl, e.transactionId];
    expect(fields((await call(events(mailbox, `/${id}`))).body as Event)).toEqual([id, true, 'teamsForBusiness', joinUrl, null]);
    expect(((await call(events(mailbox))).body as { value: Event[] }).value.map(fields)).toEqual([[id, true, 'teamsForBusiness', joinUrl, null]]);
    const delta = await call(`${standIn.origin}/v1.0/users/${mailbox}/calendarView/delta?startDateTime=2031-04-01T00:00:00Z&endDateTime=2031-04-02T00:00:00Z`);
    expect((delta.body as { value: Event[] }).value.map(fields)).toEqual([[id, true, 'teamsForBusiness', joinUrl, null]]);
    expect((await call(events(mailbox, `/${id}`), { method: 'DELETE' })).status).toBe(204);
    expect(codeOf((await call(events(mailbox, `/${id}`))).body)).toBe('ErrorItemNotFound');
    expect(await call(events(mailbox, `/${id}`), { method: 'DELETE' })).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
  });

  it('refuses an onlineMeetingProvider outside Graph’s enumeration, and saves the event without a meeting when the calendar does not allow Teams', async () => {
    const mailbox = 'teams-b@contoso.test';
    const zoom = await call(events(mailbox), { method: 'POST', body: { ...event('zoom', 9), isOnlineMeeting: true, onlineMeetingProvider: 'zoom' } });
    expect(zoom).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead', innerError: { 'request-id': expect.any(String) } } } });
    expect(((await call(events(mailbox))).body as { value: Event[] }).value).toEqual([]);
    const noMeeting = { isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null, onlineMeetingUrl: null };
    expect(await call(events(mailbox), { method: 'POST', body: event('in person', 10) })).toMatchObject({ status: 201, body: noMeeting });
    expect(await call(`${standIn.origin}/_stand-in/users/${mailbox}/online-meeting-providers`, { method: 'POST', body: { allowed: [] } })).toMatchObject({ status: 200, body: { allowedOnlineMeetingProviders: [] } });
    expect(await call(events(mailbox), { method: 'POST', body: { ...event('no teams here', 11), ...teams } })).toMatchObject({ status: 201, body: noMeeting });
  });

  it('answers a retried create with the first event (same id and join link), finds it by $filter=transactionId, and refuses the id to a different create or once that event is deleted', async () => {
    const mailbox = 'teams-c@contoso.test';
    const body = { ...event('panel', 9), ...teams, transactionId: 'tx-teams-1' };
    const first = await call(events(mailbox), { method: 'POST', body });
    const retried = await call(events(mailbox), { method: 'POST', body: { transactionId: body.transactionId, ...teams, ...event('panel', 9) } });
    const { id = '', onlineMeeting } = first.body as Event;
    expect(retried).toMatchObject({ status: 201, body: { id, transactionId: 'tx-teams-1', onlineMeeting: { joinUrl: onlineMeeting?.joinUrl } } });
    expect(((await call(events(mailbox))).body as { value: Event[] }).value.map((e) => e.id)).toEqual([id]);
    expect(await call(events(mailbox, `/${id}`))).toMatchObject({ status: 200, body: { transactionId: 'tx-teams-1', isOnlineMeeting: true } });
    const byTransaction = async (value: string) => ((await call(events(mailbox, `?$filter=${encodeURIComponent(`transactionId eq '${value}'`)}`))).body as { value: Event[] }).value.map((e) => e.id);
    expect(await byTransaction('tx-teams-1')).toEqual([id]);
    expect(await byTransaction('tx-teams-2')).toEqual([]);
    expect(codeOf((await call(events(mailbox), { method: 'POST', body: { ...body, subject: 'another panel' } })).body)).toBe('ErrorDuplicateTransactionId');
    expect((await call(events(mailbox, `/${id}`), { method: 'DELETE' })).status).toBe(204);
    expect(codeOf((await call(events(mailbox), { method: 'POST', body })).body)).toBe('ErrorDuplicateTransactionId');
    expect(await byTransaction('tx-teams-1')).toEqual([]);
  });

  it('answers the fault switch with 429 ApplicationThrottled and Retry-After, once', async () => {
    await call(`${standIn.origin}/_stand-in/faults`, { method: 'POST', body: { status: 429, count: 1, retryAfterSeconds: 12 } });
    const throttled = await call(events('e@contoso.test'));
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'ApplicationThrottled' } } });
    expect(throttled.headers.get('retry-after')).toBe('12');
    expect((await call(events('e@contoso.test'))).status).toBe(200);
  });

  it('issues tokens on the client-credentials grant and refuses as Entra ID does', async () => {
    await call(`${standIn.origin}/_stand-in/apps`, { method: 'POST', body: { tenantId: 'tenant-a', clientId: 'app-a', clientSecret: 's3cret', domains: ['contoso.test'] } });
    const scope = 'https://graph.microsoft.com/.default';
    const issued = await token({ grant_type: 'client_credentials', client_id: 'app-a', client_secret: 's3cret', scope });
    expect(issued).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) } });
    expect((await call(events('f@contoso.test'), { bearer: String(issued.body.access_token) })).status).toBe(200);
    expect(codeOf((await call(events('f@fabrikam.test'), { bearer: String(issued.body.access_token) })).body)).toBe('ErrorInvalidUser');
    expect(await token({ grant_type: 'client_credentials', client_id: 'app-a', client_secret: 'wrong', scope })).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    expect(await token({ grant_type: 'client_credentials', client_id: 'app-a', client_secret: 's3cret', scope: 'Calendars.Read' })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await token({ grant_type: 'refresh_token', client_id: 'app-a', client_secret: 's3cret', refresh_token: 'nope' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'password', client_id: 'app-a' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const openId = (await (await fetch(`${standIn.origin}/tenant-a/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(openId).toMatchObject({ issuer: `${standIn.secureOrigin}/tenant-a/v2.0`, token_endpoint: `${standIn.secureOrigin}/tenant-a/oauth2/v2.0/token` });
  });
});
