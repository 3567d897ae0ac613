import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstWriteAttempt, firstWriteCompleted } from './support/calendar-writes';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, ASYNC_WAIT_MS } from './support/fixtures';
import { googleCalendarStandIn } from './support/google-calendar';
import { googleEvents, holdingGoogleProxy, type GoogleEvent } from './support/google-events';
import { HOUR, wholeHourAhead } from './support/organisation-calendars';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';

/** A decline in the calendar is pushed, read by the sync it triggers and signalled to the lifecycle: seconds, where the shared portal polls every 60 s. */
const DECLINE_BOUND_MS = 30_000;
const run = Date.now();
const google = googleCalendarStandIn();
const events = googleEvents();

type Api = Awaited<ReturnType<typeof signInAsAdmin>>;

interface Detail {
  status: string;
  slot: { start: string; panel: { interviewerId: string; name: string }[] } | null;
  events: { detail: string }[];
}

const live = (found: GoogleEvent[]) => found.filter((e) => e.status !== 'cancelled');

/**
 * An always-available interviewer on their Workspace calendar through the organisation's Google
 * connection, once their calendar was first read and its push channel answered.
 */
async function googleInterviewer(portal: PortalUnderTest, hr: Api, label: string): Promise<{ id: string; email: string; name: string }> {
  const name = `Google Events ${label} ${run}`;
  const email = `google-events-${label.toLowerCase()}-${run}@example.test`;
  const { id } = await alwaysAvailableInterviewer(hr, name, 24, email);
  await hr.mutation('hr.calendars.connectGoogle', { interviewerId: id });
  await eventually(async () => ((await hr.query<{ read?: { lastSyncedAt: string | null } }>('hr.calendars.status', { interviewerId: id })).read?.lastSyncedAt ? true : undefined), ASYNC_WAIT_MS, 'the first read of the Google calendar');
  await eventually(async () => ((await google.deliveriesFor(email)).some((d) => d.state === 'sync' && d.status === 204) ? true : undefined), ASYNC_WAIT_MS, 'the push channel');
  return { id, email, name };
}

/** The interview's event in each calendar once `ready` holds for it there. */
const eventsOnceThey = (uid: string, emails: string[], ready: (found: GoogleEvent[]) => boolean, what: string, timeoutMs = ASYNC_WAIT_MS) =>
  eventually(async () => {
    const found = await Promise.all(emails.map((email) => events.withICalUID(email, uid)));
    return found.every(ready) ? found : undefined;
  }, timeoutMs, what);

describe('interviews out to Google Calendar, on the shared portal', () => {
  let portal: PortalUnderTest;
  let hr: Api;

  beforeAll(async () => {
    portal = await sharedPortal();
    hr = await signInAsAdmin(portal.api);
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const detailOf = (interviewId: string) => hr.query<Detail>('hr.interviews.get', { interviewId });

  it("booking puts one event with the portal's iCalUID into each panel member's calendar; a move updates it in place; a cancel deletes it", async () => {
    const members = [await googleInterviewer(portal, hr, 'Ada'), await googleInterviewer(portal, hr, 'Bea')];
    const emails = members.map((m) => m.email);
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Events Candidate', email: `google.events.${run}@example.test` }, members.map((m) => m.id), 'Backend Engineer', { kind: 'panel', panelSize: 2 });
    const uid = `${interviewId}@interview-portal`;
    const first = wholeHourAhead(30);
    await portal.api.mutation('candidate.book', { token, start: new Date(first).toISOString() });

    const booked = await eventsOnceThey(uid, emails, (found) => live(found).length === 1, 'the event in both calendars');
    for (const [index, found] of booked.entries()) {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ iCalUID: uid, status: 'confirmed', start: { dateTime: new Date(first).toISOString() }, organizer: { email: expect.any(String) } });
      expect(found[0]?.attendees?.map((a) => a.email).sort()).toEqual([...emails].sort());
      expect(found[0]?.attendees?.find((a) => a.self)?.email).toBe(emails[index]);
      expect(found[0]?.description).toContain('Events Candidate');
    }

    const second = first + 3 * HOUR;
    await portal.api.mutation('candidate.reschedule', { token, start: new Date(second).toISOString() });
    const moved = await eventsOnceThey(uid, emails, (found) => found[0]?.start.dateTime === new Date(second).toISOString(), 'the event moved in both calendars');
    expect(moved.map((found) => found.map((e) => e.id))).toEqual(booked.map((found) => found.map((e) => e.id)));
    expect(moved.flat().map((e) => e.status)).toEqual(['confirmed', 'confirmed']);

    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    const cancelled = await eventsOnceThey(uid, emails, (found) => found.length === 1 && live(found).length === 0, 'the event deleted from both calendars');
    expect(cancelled.flat().map((e) => e.id)).toEqual(booked.flat().map((e) => e.id));
    expect((await detailOf(interviewId)).status).toBe('CANCELLED');
  });

  it('a decline in Google Calendar replaces the member at the same time, as a decline link does: the leaver’s event goes, the newcomer’s comes', async () => {
    const pool = [await googleInterviewer(portal, hr, 'Cleo'), await googleInterviewer(portal, hr, 'Dora')];
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Decline Candidate', email: `google.decline.${run}@example.test` }, pool.map((m) => m.id));
    const uid = `${interviewId}@interview-portal`;
    const start = wholeHourAhead(40);
    await portal.api.mutation('candidate.book', { token, start: new Date(start).toISOString() });
    const booked = await eventually(async () => (await detailOf(interviewId)).slot ?? undefined, ASYNC_WAIT_MS, 'the booking');
    const leaver = pool.find((m) => m.id === booked.panel[0]?.interviewerId);
    const newcomer = pool.find((m) => m.id !== leaver?.id);
    if (!leaver || !newcomer) throw new Error('the panel is not of the pool');
    const [put] = await eventsOnceThey(uid, [leaver.email], (found) => live(found).length === 1, 'the event in the member’s calendar');
    const event = put?.[0];
    if (!event) throw new Error('no event');

    const declinedAt = Date.now();
    await events.answer(leaver.email, event, 'declined');
    const replaced = await eventually(async () => {
      const detail = await detailOf(interviewId);
      return detail.slot?.panel.some((m) => m.interviewerId === newcomer.id) ? detail : undefined;
    }, DECLINE_BOUND_MS, 'the replacement');
    console.log(`[google-calendar-events] decline in the calendar to a replaced member: ${Date.now() - declinedAt} ms`);
    expect(replaced).toMatchObject({ status: 'SCHEDULED', slot: { start: new Date(start).toISOString(), panel: [{ interviewerId: newcomer.id }] } });
    expect(replaced.events.map((e) => e.detail)).toEqual(
      expect.arrayContaining([`${leaver.name} declined the invitation in their calendar`, expect.stringContaining(`${leaver.name} replaced by ${newcomer.name} at the same time (declined)`)]),
    );
    const [theirs, ours] = await eventsOnceThey(uid, [newcomer.email, leaver.email], (found) => found.length === 1, 'the newcomer’s event');
    await eventually(async () => (live(await events.withICalUID(leaver.email, uid)).length === 0 ? true : undefined), ASYNC_WAIT_MS, 'the leaver’s event deleted');
    expect(theirs?.[0]).toMatchObject({ status: 'confirmed', start: { dateTime: new Date(start).toISOString() } });
    expect(ours?.[0]?.id).toBe(event.id);
  });

  it('in a storm of 429s the event is written once, after Retry-After and a doubling wait, and nothing is lost', { timeout: 200_000 }, async () => {
    const member = await googleInterviewer(portal, hr, 'Storm');
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Storm Candidate', email: `google.storm.${run}@example.test` }, [member.id]);
    const uid = `${interviewId}@interview-portal`;
    await google.fault(member.email, { status: 429, count: 4, retryAfterSeconds: 2 });
    await portal.api.mutation('candidate.book', { token, start: new Date(wholeHourAhead(45)).toISOString() });
    // The storm's faults answer the test's own reads of the mailbox too (a loaded run's read met a
    // reset), and the history holds the attempt only once the write completed: it waits on the
    // lifecycle, then reads, as the Microsoft twin does.
    await firstWriteCompleted(interviewId, 120_000);
    const [found] = await eventsOnceThey(uid, [member.email], (f) => live(f).length === 1, 'the event once the storm is over', 60_000);
    expect(found).toHaveLength(1);

    const write = await firstWriteAttempt(interviewId);
    console.log(`[google-calendar-events] 429 storm: written on attempt ${write.attempt}, ${write.waitedSeconds} s after it was scheduled`);
    expect(write.attempt).toBeGreaterThanOrEqual(2);
    expect(write.lastFailureType).toBe('CALENDAR_RATE_LIMITED');
    // Each refusal asked for 2 s; the waits double from 2 s: never sooner than asked.
    expect(write.waitedSeconds).toBeGreaterThanOrEqual(2 * (write.attempt - 1) - 1);
    expect((await hr.query<{ write: { failingSince: string | null; problem: unknown } }>('hr.calendars.status', { interviewerId: member.id })).write).toMatchObject({ failingSince: null, problem: null });
  });
});

describe('the workflows worker dies while it writes the event', () => {
  let portal: PortalUnderTest;
  let proxy: Awaited<ReturnType<typeof holdingGoogleProxy>>;
  let hr: Api;

  beforeAll(async () => {
    proxy = await holdingGoogleProxy();
    // Crash tests start a portal of their own; its Google requests pass the proxy, which can hold one.
    portal = await startPortal(import.meta.url, { ...FAST_LIFECYCLE, GOOGLE_CALENDAR_API_URL: proxy.url, CALENDAR_WRITE_TIMEOUT_SECONDS: '15' });
    hr = await signInAsAdmin(portal.api);
  });

  afterAll(async () => {
    await portal?.stop();
    await proxy?.close();
  });

  it('one event, not two: the write retried on the restarted worker finds the one the dead worker made', { timeout: 240_000 }, async () => {
    const member = await googleInterviewer(portal, hr, 'Crash');
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Crash Candidate', email: `google.crash.${run}@example.test` }, [member.id]);
    const uid = `${interviewId}@interview-portal`;
    const importPath = `/calendar/v3/calendars/${encodeURIComponent(member.email)}/events/import`;
    const held = proxy.hold((req) => req.method === 'POST' && (req.url ?? '').startsWith(importPath));
    const start = wholeHourAhead(20);
    await portal.api.mutation('candidate.book', { token, start: new Date(start).toISOString() });
    await held;
    const restart = await portal.kill('workflows');
    // The dead worker's import reaches Google after all: the event exists, and no worker knows.
    proxy.release();
    await eventsOnceThey(uid, [member.email], (found) => live(found).length === 1, 'the dead worker’s event');
    await restart();
    // The attempt times out (15 s here, 45 s by default; nobody completes it) and runs again on the new worker.
    expect(await firstWriteCompleted(interviewId, 150_000)).toBeGreaterThanOrEqual(2);
    const found = await events.withICalUID(member.email, uid);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'confirmed', start: { dateTime: new Date(start).toISOString() } });
  });
});
