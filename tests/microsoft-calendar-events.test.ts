import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMicrosoftGraph } from '@portal/devstack/testing';
import { firstWriteAttempt, firstWriteCompleted } from './support/calendar-writes';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, ASYNC_WAIT_MS } from './support/fixtures';
import { holdingProxy } from './support/holding-proxy';
import { microsoftGraphStandIn } from './support/microsoft-graph';
import { HOUR, organisationCalendars, wholeHourAhead } from './support/organisation-calendars';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';

/** A decline in Outlook is notified, read by the sync it triggers and signalled to the lifecycle: seconds, where the shared portal polls every 60 s. */
const DECLINE_BOUND_MS = 30_000;
const run = Date.now();
const graph = microsoftGraphStandIn();
const calendars = organisationCalendars('microsoft', run);

type PortalEvent = Awaited<ReturnType<typeof graph.portalEvents>>[number];

interface Detail {
  status: string;
  slot: { start: string; panel: { interviewerId: string; name: string }[] } | null;
  events: { detail: string }[];
}

/** Graph answers times in UTC without a zone mark (`2031-04-01T09:00:00.0000000`). */
const startOf = (event: PortalEvent | undefined) => Date.parse(`${event?.start?.dateTime ?? ''}Z`);
const nameOf = (label: string) => `Microsoft ${label} ${run}`;

/** The interview's events in each mailbox once `ready` holds for them there. */
const eventsOnceThey = (uid: string, emails: string[], ready: (found: PortalEvent[]) => boolean, what: string, timeoutMs = ASYNC_WAIT_MS) =>
  eventually(async () => {
    const found = await Promise.all(emails.map(async (email) => (await graph.portalEvents(email)).filter((e) => e.uid === uid)));
    return found.every(ready) ? found : undefined;
  }, timeoutMs, what);

describe('interviews out to Microsoft 365, on the shared portal', () => {
  const detailOf = (interviewId: string) => calendars.hr.query<Detail>('hr.interviews.get', { interviewId });

  it("booking puts one event with the portal's UID into each panel member's mailbox; a move updates it in place; a cancel deletes it", async () => {
    const members = [await calendars.interviewer('ada'), await calendars.interviewer('bea')];
    const emails = members.map((m) => m.email);
    const { interviewId, token } = await inviteAndReadLink(calendars.hr, calendars.portal.sinkUrl, { name: 'Outlook Candidate', email: `microsoft.events.${run}@example.test` }, members.map((m) => m.id), 'Backend Engineer', { kind: 'panel', panelSize: 2 });
    const uid = `${interviewId}@interview-portal`;
    const first = wholeHourAhead(30);
    await calendars.portal.api.mutation('candidate.book', { token, start: new Date(first).toISOString() });

    const booked = await eventsOnceThey(uid, emails, (found) => found.length === 1, 'the event in both mailboxes');
    for (const found of booked) {
      expect(found).toHaveLength(1);
      expect(startOf(found[0])).toBe(first);
      expect(found[0]?.attendees?.map((a) => a.emailAddress?.address).sort()).toEqual([...emails].sort());
    }

    const second = first + 3 * HOUR;
    await calendars.portal.api.mutation('candidate.reschedule', { token, start: new Date(second).toISOString() });
    const moved = await eventsOnceThey(uid, emails, (found) => startOf(found[0]) === second, 'the event moved in both mailboxes');
    expect(moved.map((found) => found.map((e) => e.id))).toEqual(booked.map((found) => found.map((e) => e.id)));

    await calendars.portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    await eventsOnceThey(uid, emails, (found) => found.length === 0, 'the event deleted from both mailboxes');
    expect((await detailOf(interviewId)).status).toBe('CANCELLED');
  });

  it('a decline in Outlook replaces the member at the same time, as a decline link does: the leaver’s event goes, the newcomer’s comes', async () => {
    const labels = ['cleo', 'dora'];
    const pool = [await calendars.interviewer('cleo'), await calendars.interviewer('dora')].map((m, index) => ({ ...m, name: nameOf(labels[index] ?? '') }));
    const { interviewId, token } = await inviteAndReadLink(calendars.hr, calendars.portal.sinkUrl, { name: 'Decline Candidate', email: `microsoft.decline.${run}@example.test` }, pool.map((m) => m.id));
    const uid = `${interviewId}@interview-portal`;
    const start = wholeHourAhead(40);
    await calendars.portal.api.mutation('candidate.book', { token, start: new Date(start).toISOString() });
    const booked = await eventually(async () => (await detailOf(interviewId)).slot ?? undefined, ASYNC_WAIT_MS, 'the booking');
    const leaver = pool.find((m) => m.id === booked.panel[0]?.interviewerId);
    const newcomer = pool.find((m) => m.id !== leaver?.id);
    if (!leaver || !newcomer) throw new Error('the panel is not of the pool');
    const [put] = await eventsOnceThey(uid, [leaver.email], (found) => found.length === 1, 'the event in the member’s mailbox');
    const event = put?.[0];
    if (!event) throw new Error('no event');

    const declinedAt = Date.now();
    await graph.answer(leaver.email, event.id, 'declined');
    const replaced = await eventually(async () => {
      const detail = await detailOf(interviewId);
      return detail.slot?.panel.some((m) => m.interviewerId === newcomer.id) ? detail : undefined;
    }, DECLINE_BOUND_MS, 'the replacement');
    console.log(`[microsoft-calendar-events] decline in Outlook to a replaced member: ${Date.now() - declinedAt} ms`);
    expect(replaced).toMatchObject({ status: 'SCHEDULED', slot: { start: new Date(start).toISOString(), panel: [{ interviewerId: newcomer.id }] } });
    expect(replaced.events.map((e) => e.detail)).toEqual(
      expect.arrayContaining([`${leaver.name} declined the invitation in their calendar`, expect.stringContaining(`${leaver.name} replaced by ${newcomer.name} at the same time (declined)`)]),
    );
    const [theirs] = await eventsOnceThey(uid, [newcomer.email], (found) => found.length === 1, 'the newcomer’s event');
    await eventsOnceThey(uid, [leaver.email], (found) => found.length === 0, 'the leaver’s event deleted');
    expect(startOf(theirs?.[0])).toBe(start);
  });

  it('in a storm of 429s the event is written once, after Retry-After and a doubling wait, and nothing is lost', async () => {
    const member = await calendars.interviewer('storm');
    const { interviewId, token } = await calendars.candidateFor(member.id, 'Storm');
    const uid = `${interviewId}@interview-portal`;
    await graph.fault(member.email, { status: 429, count: 4, retryAfterSeconds: 2 });
    await calendars.portal.api.mutation('candidate.book', { token, start: new Date(wholeHourAhead(45)).toISOString() });
    // The storm's faults answer every request about the mailbox, the test's own reads too: it waits on the lifecycle, then reads once.
    await firstWriteCompleted(interviewId, 120_000);
    expect((await graph.portalEvents(member.email)).filter((e) => e.uid === uid)).toHaveLength(1);

    const write = await firstWriteAttempt(interviewId);
    console.log(`[microsoft-calendar-events] 429 storm: written on attempt ${write.attempt}, ${write.waitedSeconds} s after it was scheduled`);
    expect(write.attempt).toBeGreaterThanOrEqual(2);
    expect(write.lastFailureType).toBe('CALENDAR_RATE_LIMITED');
    // Each refusal asked for 2 s; the waits double from 2 s: never sooner than asked.
    expect(write.waitedSeconds).toBeGreaterThanOrEqual(2 * (write.attempt - 1) - 1);
    expect((await calendars.hr.query<{ write: { failingSince: string | null; problem: unknown } }>('hr.calendars.status', { interviewerId: member.id })).write).toMatchObject({ failingSince: null, problem: null });
  });
});

describe('the workflows worker dies while it writes the event to Microsoft 365', () => {
  let portal: PortalUnderTest;
  let proxy: Awaited<ReturnType<typeof holdingProxy>>;
  let hr: Awaited<ReturnType<typeof signInAsAdmin>>;

  beforeAll(async () => {
    // The stand-in names itself https but listens in plain HTTP; the proxy renames it in answers (delta links, the OpenID document).
    proxy = await holdingProxy(testMicrosoftGraph().url.replace(/^https:/, 'http:'), { renameUpstream: true });
    // Crash tests start a portal of their own; its Graph and sign-in requests pass the proxy, which can hold one.
    portal = await startPortal(import.meta.url, { ...FAST_LIFECYCLE, MICROSOFT_GRAPH_URL: proxy.secureUrl, MICROSOFT_LOGIN_URL: proxy.secureUrl, CALENDAR_WRITE_TIMEOUT_SECONDS: '15' });
    hr = await signInAsAdmin(portal.api);
  });

  afterAll(async () => {
    await portal?.stop();
    await proxy?.close();
  });

  it('one event, not two: the write retried on the restarted worker finds the one the dead worker made', { timeout: 300_000 }, async () => {
    const email = `microsoft-crash-${run}@example.test`;
    const { id } = await alwaysAvailableInterviewer(hr, nameOf('crash'), 24, email);
    await hr.mutation('hr.calendars.connectMicrosoft', { interviewerId: id });
    await eventually(async () => ((await hr.query<{ read?: { lastSyncedAt: string | null } }>('hr.calendars.status', { interviewerId: id })).read?.lastSyncedAt ? true : undefined), ASYNC_WAIT_MS, 'the first read of the mailbox');
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Crash Candidate', email: `microsoft.crash.${run}@example.test` }, [id]);
    const uid = `${interviewId}@interview-portal`;
    const eventsPath = `/v1.0/users/${email}/events`;
    const held = proxy.hold((req) => req.method === 'POST' && decodeURIComponent((req.url ?? '').split('?')[0] ?? '').toLowerCase() === eventsPath);
    const start = wholeHourAhead(20);
    await portal.api.mutation('candidate.book', { token, start: new Date(start).toISOString() });
    await held;
    const restart = await portal.kill('workflows');
    // The dead worker's create reaches Graph after all: the event exists, and no worker knows.
    proxy.release();
    await eventsOnceThey(uid, [email], (found) => found.length === 1, 'the dead worker’s event');
    await restart();
    // The attempt times out (15 s here, 45 s by default; nobody completes it) and runs again on the new worker.
    // Not done in time, the failure says how far the write got (its last attempt and last failure).
    const attempts = await firstWriteCompleted(interviewId, 200_000).catch(async (error: unknown) => {
      const soFar = await firstWriteAttempt(interviewId).catch((read: unknown) => `unread: ${String(read)}`);
      throw new Error(`${String(error)}; the write so far: ${JSON.stringify(soFar)}; events in the mailbox: ${(await graph.portalEvents(email)).filter((e) => e.uid === uid).length}`);
    });
    expect(attempts).toBeGreaterThanOrEqual(2);
    const found = (await graph.portalEvents(email)).filter((e) => e.uid === uid);
    expect(found).toHaveLength(1);
    expect(startOf(found[0])).toBe(start);
  });
});
