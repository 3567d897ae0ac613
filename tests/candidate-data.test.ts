import { Connection, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { ApiError, createApiClient } from './support/api-client';
import { plainCalDav } from './support/caldav-reader';
import { withDatabase } from './support/database';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, linkToken, sinkMessages, type SinkMessage, ASYNC_WAIT_MS } from './support/fixtures';
import { allTextIn, payloadsIn } from './support/history-payloads';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { portalTemporalClient } from './support/temporal-client';

/**
 * A candidate's data lifetime (docs/adr/0030) on one portal: erasure everywhere the portal keeps
 * data (every collection, the message sink, the interviewers' calendars, every Temporal history
 * read through the codec as HR), export, and retention by a policy of seconds.
 */
const run = Date.now();
const USER = { name: 'privacy', password: 'privacy-app-password' };
const SECOND = 1000;
const RETENTION_SECONDS = 20;
const SWEEP_SECONDS = 8;
type Api = ReturnType<typeof createApiClient>;
type WirePayload = { metadata: Record<string, string>; data: string };

let radicale: TestRadicale;
let portal: PortalUnderTest;
let hr: Api;
let hrCookie: string;
let apiKey: string;
let temporal: Connection;
let client: Client;
let interviewsCalendar: string;
let interviewerId: string;

const erin = { name: `Erin Erasure${run}`, email: `erin.erasure.${run}@example.test` };
const other = { name: `Otto Other${run}`, email: `otto.other.${run}@example.test` };
const reason = `reason-marker-${run} moved at the candidate's request`;
const notes = `notes-marker-${run}: strong on systems design`;
/** What must be nowhere after the erasure; the name in lower case too, as search keys hold it. */
const personal = [erin.name, erin.name.toLowerCase(), erin.email, reason, notes];

beforeAll(async () => {
  radicale = await startTestRadicale([USER]);
  const calendarApp = plainCalDav(radicale.url, USER.name, USER.password);
  const workCalendar = await calendarApp.makeCalendar('work');
  interviewsCalendar = await calendarApp.makeCalendar('interviews');
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    CALENDAR_SYNC_SECONDS: '2',
    CALENDAR_TIMEOUT_MS: '2000',
    // The dry run lists a candidate from one sweep before the sweep that erases them: a report read
    // slower than that would miss them, and on a loaded machine one takes seconds.
    RETENTION_SWEEP_SECONDS: String(SWEEP_SECONDS),
    // The sink speaks Postmark's Data Removal API; an account token makes erasure ask it.
    POSTMARK_ACCOUNT_TOKEN: 'dev-account-token',
  });
  const jar: { value?: string } = {};
  hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  hrCookie = jar.value ?? '';
  apiKey = (await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `Privacy ATS ${run}`, scopes: ['read', 'write'] })).key;
  interviewerId = (await alwaysAvailableInterviewer(hr, `Privacy Interviewer ${run}`)).id;
  await hr.mutation('hr.calendars.connect', {
    interviewerId, serverUrl: radicale.url, username: USER.name, password: USER.password, readCalendarUrl: workCalendar, writeCalendarUrl: interviewsCalendar,
  });
  // A subscribed endpoint makes the lifecycle keep its events' bodies (webhook_events), which name the candidate.
  await hr.mutation('hr.webhooks.create', { url: `https://ats.example.test/hooks/${run}`, events: ['interview.invited', 'interview.booked', 'interview.rescheduled', 'interview.cancelled', 'scorecard.submitted', 'interview.erased'] });
  temporal = await Connection.connect({ address: testTemporalAddress() });
  client = portalTemporalClient(temporal);
});

afterAll(async () => {
  await temporal?.close();
  await portal?.stop();
  await radicale?.close();
});

function rest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return fetch(`${portal.bookingUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as T }));
}

async function startSoon(token: string, afterMs: number): Promise<string> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  const start = slots.find((slot) => Date.parse(slot.start) > Date.now() + afterMs);
  if (!start) throw new Error('no slot ahead');
  return start.start;
}

const interview = (id: string) => hr.query<{ status: string; outcome: string }>('hr.interviews.get', { interviewId: id });

/** Every document of every collection of the portal's database, as text, by collection and id. */
async function databaseDocuments(): Promise<{ collection: string; id: string; text: string }[]> {
  return withDatabase(portal.mongoUrl, async (db) => {
    const found: { collection: string; id: string; text: string }[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) found.push({ collection: name, id: String(doc._id), text: JSON.stringify(doc) });
    }
    return found;
  });
}

async function calendarText(): Promise<string> {
  const body = '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>';
  const response = await fetch(interviewsCalendar, {
    method: 'REPORT',
    body,
    headers: { authorization: `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`, 'content-type': 'application/xml', depth: '1' },
  });
  return response.text();
}

const toWire = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

async function decodeAsHr(payloads: WirePayload[]): Promise<string[]> {
  const response = await fetch(`${portal.bookingUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: hrCookie },
    body: JSON.stringify({ payloads }),
  });
  if (response.status !== 200) throw new Error(`codec answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { payloads: WirePayload[] }).payloads.map((p) => Buffer.from(p.data, 'base64').toString());
}

/**
 * Raw descriptions (no codec): the SDK's list and describe decode memos and summaries, which an
 * erased lifecycle sealed under a destroyed key, and would refuse; ops read those through the codec endpoint.
 */
async function executions(query: string) {
  const { executions: found } = await client.workflowService.listWorkflowExecutions({ namespace: 'default', query, pageSize: 1000 });
  return found.map((execution) => ({
    workflowId: execution.execution?.workflowId ?? '',
    runId: execution.execution?.runId ?? '',
    status: String(execution.status),
    candidateEmail: execution.searchAttributes?.indexedFields?.['CandidateEmail']?.data,
  }));
}

const RUNNING = '1';
const FAILED = '3';
const attributeText = (data: Uint8Array | null | undefined) => (data ? (JSON.parse(Buffer.from(data).toString()) as unknown) : undefined);

/** Every workflow history of the test run, each payload decoded through the codec endpoint as HR, beside all its clear text. */
async function temporalHistories(): Promise<{ workflowId: string; status: string; text: string; taskFailures: number }[]> {
  const found: { workflowId: string; status: string; text: string; taskFailures: number }[] = [];
  // Every workflow this file's portal starts runs on its lifecycle queue (lifecycles, Schedules' runs) or beside it (webhook deliveries).
  const queue = testTaskQueue(`${import.meta.url}-lifecycle`);
  for (const execution of await executions(`TaskQueue = "${queue}" OR TaskQueue = "${queue}-webhooks"`)) {
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const decoded = await decodeAsHr(payloadsIn(history).map(({ payload }) => toWire(payload)));
    const taskFailures = (history.events ?? []).filter((event) => event.workflowTaskFailedEventAttributes).length;
    found.push({ workflowId: execution.workflowId, status: execution.status, text: `${allTextIn(history)}\n${decoded.join('\n')}`, taskFailures });
  }
  return found;
}

const lifecycleExecution = async (interviewId: string) => (await executions(`WorkflowId = "interview-${interviewId}"`))[0];

async function sinkText(): Promise<SinkMessage[]> {
  return ((await fetch(`${portal.sinkUrl}/api/messages`).then((r) => r.json())) as { messages: SinkMessage[] }).messages;
}

const holding = (text: string) => personal.filter((needle) => text.includes(needle));

describe('erasing a candidate', () => {
  let completedId: string;
  let bookedId: string;
  let otherId: string;
  let bookedToken: string;

  it('leaves their name, email and reasons nowhere, their keys destroyed, others and counts intact', { timeout: 420_000 }, async () => {
    // One booked far ahead, then moved with a reason; another candidate beside; one completed with a scorecard.
    const booked = await inviteAndReadLink(hr, portal.sinkUrl, erin, [interviewerId], 'Platform Engineer');
    bookedId = booked.interviewId;
    bookedToken = booked.token;
    await portal.api.mutation('candidate.book', { token: booked.token, start: await startSoon(booked.token, 20 * 60 * SECOND) });
    await hr.mutation('hr.interviews.reschedule', { interviewId: bookedId, start: await startSoon(booked.token, 40 * 60 * SECOND), reason });
    const others = await inviteAndReadLink(hr, portal.sinkUrl, other, [interviewerId], 'Platform Engineer');
    otherId = others.interviewId;
    await portal.api.mutation('candidate.book', { token: others.token, start: await startSoon(others.token, 60 * 60 * SECOND) });

    const completed = await inviteAndReadLink(hr, portal.sinkUrl, erin, [interviewerId], 'Data Engineer');
    completedId = completed.interviewId;
    const start = await startSoon(completed.token, 8 * SECOND);
    await portal.api.mutation('candidate.book', { token: completed.token, start });
    await eventually(async () => (Date.now() >= Date.parse(start) ? true : undefined), 60_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId: completedId, attended: true });
    const request = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: `privacy.interviewer.${run}@example.test` })).find((m) => m.Metadata.kind === 'feedback_request' && m.Metadata.interviewId === completedId),
      90_000,
      'the feedback request',
    );
    await portal.api.mutation('feedback.submit', { token: linkToken(request, 'f'), rating: 3, recommendation: 'YES', notes });
    await eventually(async () => ((await interview(completedId)).status === 'COMPLETED' ? true : undefined), 60_000, 'completion');
    await hr.mutation('hr.interviews.setOutcome', { interviewId: completedId, outcome: 'PASSED' });
    await eventually(async () => ((await lifecycleExecution(completedId))?.status === '2' ? true : undefined), ASYNC_WAIT_MS, 'the completed lifecycle to close');
    await eventually(async () => ((await calendarText()).includes(erin.name) ? true : undefined), ASYNC_WAIT_MS, 'the calendar events');

    // Before: the scans find the candidate in each place, so finding nothing afterwards means something.
    const documentsBefore = await databaseDocuments();
    const hitsBefore = documentsBefore.filter((doc) => holding(doc.text).length > 0);
    expect(new Set(hitsBefore.map((doc) => doc.collection))).toEqual(new Set(['interviews', 'audit_events', 'messages', 'scorecards', 'webhook_events', 'active_interview_locks']));
    expect(holding((await sinkText()).map((m) => JSON.stringify(m)).join('\n'))).toEqual(expect.arrayContaining([erin.name, erin.email]));
    expect(await calendarText()).toContain(erin.name);
    const historiesBefore = await temporalHistories();
    expect(historiesBefore.some((h) => h.workflowId.startsWith('webhook-endpoint:'))).toBe(true);
    const erinHistories = historiesBefore.filter((h) => holding(h.text).length > 0).map((h) => h.workflowId);
    expect(new Set(erinHistories)).toEqual(new Set([`interview-${completedId}`, `interview-${bookedId}`]));
    expect(holding(historiesBefore.map((h) => h.text).join('\n'))).toEqual(expect.arrayContaining([erin.name, erin.email, reason]));

    // The closed lifecycle's search attributes name a random key, neither the address nor a digest of it.
    const closed = await lifecycleExecution(completedId);
    const keyId = await withDatabase(portal.mongoUrl, async (db) => (await db.collection<{ _id: string; candidateKeyId: string }>('interviews').findOne({ _id: completedId }))?.candidateKeyId);
    expect(keyId).toMatch(/^ck_/);
    expect(attributeText(closed?.candidateEmail)).toBe(keyId);

    // Export: one document holding every record the scan found.
    const exported = await rest<Record<string, unknown>>('POST', '/candidates/export', { email: erin.email.toUpperCase() });
    expect(exported.status).toBe(200);
    const exportText = JSON.stringify(exported.body);
    for (const needle of personal.filter((n) => n !== erin.name.toLowerCase())) expect(exportText).toContain(needle);
    for (const doc of hitsBefore.filter((d) => d.collection !== 'active_interview_locks')) expect(exportText, `${doc.collection} ${doc.id}`).toContain(doc.id);
    expect(exportText).not.toContain(other.email);

    const countsBefore = await withDatabase(portal.mongoUrl, async (db) => ({
      interviews: await db.collection('interviews').countDocuments(),
      scorecards: await db.collection('scorecards').countDocuments(),
    }));
    const listBefore = await hr.query<{ total: number }>('hr.interviews.list', {});

    // Bad input is a typed refusal that erases nothing; then the erasure, then again (nothing held).
    const refused = await rest<{ code?: string; field?: string }>('POST', '/candidates/erasure', { email: 'not an address' });
    expect(refused.status).toBe(400);
    const erased = await rest<{ status: string; interviewIds: string[]; cancelledIds: string[]; erasureId: string }>('POST', '/candidates/erasure', { email: erin.email, notify: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.status).toBe('ERASED');
    expect(new Set(erased.body.interviewIds)).toEqual(new Set([completedId, bookedId]));
    expect(erased.body.cancelledIds).toEqual([bookedId]);
    const again = await rest<{ status: string; interviewIds: string[] }>('POST', '/candidates/erasure', { email: erin.email });
    expect(again.body).toMatchObject({ status: 'NOTHING_HELD', interviewIds: [] });

    // The open lifecycle was cancelled (the candidate told, as asked) and ended cleanly.
    expect(await interview(bookedId)).toMatchObject({ status: 'CANCELLED' });
    expect(await interview(completedId)).toMatchObject({ status: 'COMPLETED', outcome: 'PASSED' });
    const after = await temporalHistories();
    for (const history of after.filter((h) => h.workflowId.startsWith('interview-'))) {
      expect(history.taskFailures, history.workflowId).toBe(0);
      expect(history.status, history.workflowId).not.toBe(FAILED);
    }
    expect(after.find((h) => h.workflowId === `interview-${bookedId}`)?.status).toBe('2');
    // Lifecycles only: the list fold's Schedule starts runs named `interview-list-fold-…` every minute.
    const lifecycle = /^interview-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(after.filter((h) => lifecycle.test(h.workflowId) && h.status === RUNNING).map((h) => h.workflowId)).toEqual([`interview-${otherId}`]);

    // Nowhere: every collection, the interviewers' calendar, every history decoded as HR.
    const documentsAfter = await databaseDocuments();
    expect(documentsAfter.filter((doc) => holding(doc.text).length > 0).map((doc) => `${doc.collection} ${doc.id}: ${holding(doc.text).join(', ')}`)).toEqual([]);
    expect(holding(await calendarText())).toEqual([]);
    // The mail provider removed every message to the candidate; what still names them went to the
    // interviewer's mailbox, beyond the portal's reach (docs/adr/0030, "Not covered").
    const sinkAfter = await sinkText();
    expect(sinkAfter.filter((m) => m.To.toLowerCase().includes(erin.email))).toEqual([]);
    const interviewerAddress = `privacy.interviewer.${run}@example.test`;
    expect(sinkAfter.filter((m) => holding(JSON.stringify(m)).length > 0).every((m) => m.To.toLowerCase().includes(interviewerAddress))).toBe(true);
    expect(after.filter((h) => holding(h.text).length > 0).map((h) => `${h.workflowId}: ${holding(h.text).join(', ')}`)).toEqual([]);

    // The codec answers "key destroyed" for their payloads, as a typed note, not a failure.
    const history = await client.workflow.getHandle(`interview-${completedId}`).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const [note] = await decodeAsHr(started.map(toWire));
    expect(JSON.parse(note ?? '{}')).toMatchObject({ error: 'KEY_DESTROYED', keyId, message: expect.stringContaining('key destroyed') });
    await expect(client.workflow.getHandle(`interview-${completedId}`).result()).rejects.toThrow(/key destroyed/);

    // The running lifecycle's search attribute is gone; others' data, and every count, stay.
    expect((await lifecycleExecution(bookedId))?.candidateEmail).toBeUndefined();
    expect(documentsAfter.some((doc) => doc.collection === 'interviews' && doc.text.includes(other.email) && doc.text.includes(other.name))).toBe(true);
    expect((after.find((h) => h.workflowId === `interview-${otherId}`)?.text ?? '')).toContain(other.email);
    expect(await calendarText()).toContain(other.name);
    expect(await withDatabase(portal.mongoUrl, async (db) => ({
      interviews: await db.collection('interviews').countDocuments(),
      scorecards: await db.collection('scorecards').countDocuments(),
    }))).toEqual(countsBefore);
    expect((await hr.query<{ total: number }>('hr.interviews.list', {})).total).toBe(listBefore.total);

    // The erasure is logged: who, when, which interviews, never the person.
    const log = documentsAfter.filter((doc) => doc.collection === 'erasures');
    expect(log).toHaveLength(1);
    expect(log[0]?.text).toContain(completedId);
    expect(log[0]?.text).toContain('api:Privacy ATS');
  });

  it("after it, the candidate's link answers 410 LINK_ERASED on tRPC, REST and the calendar download, and nothing of the interview", { timeout: 60_000 }, async () => {
    expect(bookedToken, 'the erasure test ran first').toBeDefined();
    const page = await portal.api.query('candidate.view', { token: bookedToken }).then(
      () => ({ status: 200, domainCode: null }),
      (error: unknown) => (error instanceof ApiError ? { status: error.httpStatus, domainCode: error.domainCode } : { status: 0, domainCode: String(error) }),
    );
    expect(page).toEqual({ status: 410, domainCode: 'LINK_ERASED' });
    for (const path of ['/api/v1/candidate/interview', '/api/v1/candidate/interviews']) {
      const response = await fetch(`${portal.bookingUrl}${path}`, { headers: { authorization: `Bearer ${bookedToken}` } });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(410);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'LINK_ERASED' } });
      expect(text).not.toContain('Platform Engineer');
      expect(text).not.toContain('Privacy Interviewer');
    }
    expect((await fetch(`${portal.bookingUrl}/api/ics/${encodeURIComponent(bookedToken)}`)).status).toBe(410);
    // The SMS choice goes with the phone.
    const stored = await withDatabase(portal.mongoUrl, (db) => db.collection<{ _id: string }>('interviews').findOne({ _id: bookedId }));
    expect(stored).not.toHaveProperty('smsOptIn');
  });

  it('it sent the endpoints interview.erased, ids only, and no interview.cancelled naming the candidate', async () => {
    const events = await withDatabase(portal.mongoUrl, (db) => db.collection<{ _id: string; type: string; body: string }>('webhook_events').find({ interviewId: bookedId }).toArray());
    expect(events.map((event) => event.type)).not.toContain('interview.cancelled');
    const erased = events.find((event) => event.type === 'interview.erased');
    expect(JSON.parse(erased?.body ?? '{}')).toMatchObject({ type: 'interview.erased', version: 1, data: { interviewId: bookedId, previousInterviewId: null, attempt: 1, status: 'CANCELLED' } });
    expect(Object.keys((JSON.parse(erased?.body ?? '{}') as { data: object }).data).sort()).toEqual(['attempt', 'interviewId', 'previousInterviewId', 'status']);
  });
});

describe('retention', () => {
  it('erases candidates on schedule once their last interview ended longer ago than the policy, exactly as the dry run listed', { timeout: 180_000 }, async () => {
    await hr.mutation('hr.privacy.setRetention', { personalDataDays: RETENTION_SECONDS / 86_400 });
    const [first, second, open] = await Promise.all(
      ['Rita Retained', 'Rex Retained', 'Opal Open'].map((name, index) =>
        inviteAndReadLink(hr, portal.sinkUrl, { name: `${name}${run}`, email: `retained.${index}.${run}@example.test` }, [interviewerId], 'Retention Analyst'),
      ),
    );
    if (!first || !second || !open) throw new Error('three invitations');
    // Booked over an hour ahead, so still open however long the run takes (unbooked, it would expire in
    // seconds here and fall due in turn).
    await portal.api.mutation('candidate.book', { token: open.token, start: await startSoon(open.token, 80 * 60 * SECOND) });
    await Promise.all([first, second].map(({ interviewId }) => hr.mutation('hr.interviews.cancel', { interviewId, reason: 'position filled' })));
    const ended = new Set([first.interviewId, second.interviewId]);

    type Report = { asOf: string; candidates: { interviewIds: string[]; dueAt: string }[] };
    const listed = new Set<string>();
    const erasedByRun = await eventually(async () => {
      const report = await rest<Report>('GET', '/retention/report');
      expect(report.status).toBe(200);
      for (const candidate of report.body.candidates) for (const id of candidate.interviewIds) listed.add(id);
      const runs = await withDatabase(portal.mongoUrl, (db) => db.collection<{ trigger: string; interviewIds: string[] }>('erasures').find({ trigger: 'retention' }).toArray());
      const erased = new Set(runs.flatMap((r) => r.interviewIds));
      return [...ended].every((id) => erased.has(id)) ? erased : undefined;
    }, (RETENTION_SECONDS + SWEEP_SECONDS + 60) * SECOND, 'the retention run');

    // The dry run listed only the ended candidates, and the run erased those. It lists a candidate
    // from the moment they fall due until the sweep (every 8 s here) erases them; on a loaded machine
    // one poll of the report can miss that window for one of the two, so only one is required seen.
    expect(listed.size).toBeGreaterThan(0);
    expect([...listed].filter((id) => !ended.has(id))).toEqual([]);
    expect(erasedByRun).toEqual(ended);
    const left = await databaseDocuments();
    for (const id of ended) expect(left.find((doc) => doc.collection === 'interviews' && doc.id === id)?.text).toContain('"erasedAt"');
    expect(left.some((doc) => doc.text.includes(`Rita Retained${run}`) || doc.text.includes(`Rex Retained${run}`))).toBe(false);
    expect(left.some((doc) => doc.collection === 'interviews' && doc.text.includes(`Opal Open${run}`))).toBe(true);
    expect(left.some((doc) => doc.collection === 'interviews' && doc.text.includes(other.email))).toBe(true);
  });
});
