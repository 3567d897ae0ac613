import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDailyApiKey, testDailyApiUrl, testZoomAccountId, testZoomStandIn } from '@portal/devstack/testing';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { plainCalDav } from './support/caldav-reader';
import { calendarOf } from './support/calendar';
import { dailyAccount } from './support/daily-stand-in';
import { googleEvents } from './support/google-events';
import { microsoftGraphStandIn } from './support/microsoft-graph';
import { zoomAccount } from './support/zoom-stand-in';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, type SinkMessage, ASYNC_WAIT_MS } from './support/fixtures';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';

const JITSI = 'https://meet.example.test/jitsi';
const USER = { name: 'mia', password: 'mia-app-password' };
/**
 * How long Daily is down in the outage test. The outage is real (every call answers 503 until
 * then, the activity retrying 1 s doubling to 30 s); its length is a test duration:
 * ROOMS_OUTAGE_SECONDS=60 runs the full minute.
 */
const OUTAGE_SECONDS = Number(process.env.ROOMS_OUTAGE_SECONDS ?? 12);
/** The confirmation waits this long for a Daily room before it goes saying the link will follow. */
const ROOM_WAIT_SECONDS = 8;

let radicale: TestRadicale;
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let mongo: mongoose.Connection;
let calendarApp: ReturnType<typeof plainCalDav>;
let workCalendar: string;
let interviewsCalendar: string;
const daily = dailyAccount(testDailyApiUrl(), testDailyApiKey(import.meta.url));
const zoom = zoomAccount(testZoomStandIn(), testZoomAccountId(import.meta.url));
const run = Date.now();

beforeAll(async () => {
  radicale = await startTestRadicale([USER]);
  calendarApp = plainCalDav(radicale.url, USER.name, USER.password);
  [workCalendar, interviewsCalendar] = await Promise.all([calendarApp.makeCalendar('work'), calendarApp.makeCalendar('interviews')]);
  portal = await startPortal(import.meta.url, {
    ...FAST_LIFECYCLE,
    INVITATION_EXPIRY_MINUTES: '60',
    JITSI_BASE_URL: JITSI,
    MEETING_ROOM_WAIT_SECONDS: String(ROOM_WAIT_SECONDS),
    CALENDAR_SYNC_SECONDS: '2',
    CALENDAR_TIMEOUT_MS: '2000',
  });
  hr = await signInAsAdmin(portal.api);
  mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
  // Screening calls are held on Daily here; technical interviews stay on Jitsi, the default.
  await hr.mutation('hr.kinds.update', { kind: 'screening', minNoticeMinutes: 0, horizonDays: 2, changeCutoffMinutes: 0, meetingProvider: 'daily' });
}, 240_000);

afterAll(async () => {
  await mongo?.close();
  await portal?.stop();
  await radicale?.close();
});

interface View {
  meetingUrl: string | null;
}

const view = (token: string) => portal.api.query<View>('candidate.view', { token });
const messagesOf = async (email: string, kind: string, interviewId: string) =>
  (await sinkMessages(portal.sinkUrl, { to: email })).filter((m) => m.Metadata.kind === kind && m.Metadata.interviewId === interviewId);
const one = (email: string, kind: string, interviewId: string) =>
  eventually(async () => (await messagesOf(email, kind, interviewId))[0], 60_000, `${kind} to ${email}`);
const text = (message: SinkMessage) => message.TextBody ?? '';

async function roomOf(interviewId: string): Promise<string> {
  if (!mongo.db) throw new Error('not connected to the portal database');
  const doc = await mongo.db.collection<{ _id: string; meetingRoom?: string }>('interviews').findOne({ _id: interviewId });
  if (!doc?.meetingRoom) throw new Error('the interview has no room');
  return doc.meetingRoom;
}

/** Two offered starts at least 10 minutes ahead and two hours apart (past any kind's length): a booking and the time it moves to. */
async function twoStarts(token: string): Promise<[string, string]> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  const first = slots.find((s) => Date.parse(s.start) > Date.now() + 10 * 60_000);
  const second = first && slots.find((s) => Date.parse(s.start) >= Date.parse(first.start) + 2 * 3_600_000);
  if (!first || !second) throw new Error('not enough slots offered');
  return [first.start, second.start];
}

async function inviteScreening(label: string, meetingProvider?: 'zoom' | 'meet' | 'teams') {
  const interviewer = await alwaysAvailableInterviewer(hr, `Rooms ${label} ${run}`);
  const email = `rooms-${label}.${run}@example.test`;
  const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
    candidateName: `Rooms ${label}`,
    candidateEmail: email,
    candidateTimezone: 'Europe/London',
    position: 'Backend Engineer',
    kind: 'screening',
    interviewerIds: [interviewer.id],
    ...(meetingProvider === undefined ? {} : { meetingProvider }),
  });
  const invitation = await one(email, 'invitation', interviewId);
  const token = /\/b\/([A-Za-z0-9_\-.]+)/.exec(text(invitation))?.[1];
  if (!token) throw new Error('no candidate link in the invitation');
  return { interviewId, token, email, room: await roomOf(interviewId), interviewerEmail: `rooms.${label}.${run}@example.test` };
}

describe('meeting links by provider', () => {
  it('Jitsi: a random room on JITSI_BASE_URL in the page, the confirmation, its .ics, the download and the interviewer’s CalDAV event', { timeout: 120_000 }, async () => {
    const { id } = await alwaysAvailableInterviewer(hr, `Rooms Jitsi ${run}`);
    await hr.mutation('hr.calendars.connect', {
      interviewerId: id, serverUrl: radicale.url, username: USER.name, password: USER.password,
      readCalendarUrl: workCalendar, writeCalendarUrl: interviewsCalendar,
    });
    const email = `rooms-jitsi.${run}@example.test`;
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Rooms Jitsi', email }, [id]);
    const [start] = await twoStarts(token);
    await portal.api.mutation('candidate.book', { token, start });

    const link = (await view(token)).meetingUrl;
    expect(link).toMatch(new RegExp(`^${JITSI}/interview-[0-9a-f]{24}$`));
    expect(link).not.toContain(interviewId);
    const confirmation = await one(email, 'confirmation', interviewId);
    expect(text(confirmation)).toContain(link);
    expect(text(confirmation)).not.toContain('will follow');
    expect(calendarOf(confirmation).location).toBe(link);
    const download = await (await fetch(`${portal.bookingUrl}/api/ics/${token}`)).text();
    expect(download.replace(/\r\n[ \t]/g, '')).toContain(`LOCATION:${link}`);
    const event = await eventually(
      async () => (await calendarApp.events(interviewsCalendar)).find((e) => e.uid === `${interviewId}@interview-portal`),
      60_000,
      'the interviewer’s calendar event',
    );
    expect(event.location).toBe(link);
  });

  it('Daily: the room is created at booking, moved on reschedule and deleted on cancel, each exactly once', { timeout: 120_000 }, async () => {
    const { interviewId, token, email, room } = await inviteScreening('daily');
    const [start, later] = await twoStarts(token);
    await portal.api.mutation('candidate.book', { token, start });
    const created = await eventually(async () => (await daily.callsFor(room)).find((c) => c.method === 'POST' && c.path === '/rooms'), ASYNC_WAIT_MS, 'room created');
    expect(created.status).toBe(200);
    const link = await eventually(async () => (await view(token)).meetingUrl ?? undefined, ASYNC_WAIT_MS, 'the link on the page');
    expect(link).toBe(`${new URL(testDailyApiUrl()).origin}/meet/${room}`);
    // The room answered within the wait: the confirmation carries the link, and no follow-up is needed.
    const confirmation = await one(email, 'confirmation', interviewId);
    expect(text(confirmation)).toContain(link);
    expect(calendarOf(confirmation).location).toBe(link);

    await portal.api.mutation('candidate.reschedule', { token, start: later });
    const rescheduled = await one(email, 'rescheduled', interviewId);
    expect(text(rescheduled)).toContain(link);
    await eventually(async () => (await daily.callsFor(room)).find((c) => c.path === `/rooms/${room}` && c.method === 'POST'), ASYNC_WAIT_MS, 'room moved');
    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    await eventually(async () => (await daily.callsFor(room)).find((c) => c.method === 'DELETE'), ASYNC_WAIT_MS, 'room deleted');

    await sleep(2_000);
    const calls = (await daily.callsFor(room)).map((c) => `${c.method} ${c.path} ${c.status}`);
    expect(calls).toEqual(['POST /rooms 200', `POST /rooms/${room} 200`, `DELETE /rooms/${room} 200`]);
    expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(0);
    await recordHistory(interviewId, 'meeting-room-moved');
  });

  it(`Daily down for ${OUTAGE_SECONDS} s: the booking succeeds at once, the confirmation says the link will follow, and it follows once when Daily is back`, { timeout: (OUTAGE_SECONDS + 120) * 1000 }, async () => {
    const { interviewId, token, email, room, interviewerEmail } = await inviteScreening('outage');
    const [start] = await twoStarts(token);
    const downUntil = await daily.down(OUTAGE_SECONDS);
    await portal.api.mutation('candidate.book', { token, start });
    expect(Date.now()).toBeLessThan(downUntil);
    expect((await view(token)).meetingUrl).toBeNull();

    const confirmation = await one(email, 'confirmation', interviewId);
    expect(Date.parse(confirmation.SubmittedAt)).toBeLessThan(downUntil);
    expect(text(confirmation)).toContain('Your meeting link is being prepared. It will follow in a separate email');
    expect(calendarOf(confirmation).location).toBeNull();
    expect((await daily.callsFor(room)).some((c) => c.status === 503)).toBe(true);

    const link = await eventually(async () => (await view(token)).meetingUrl ?? undefined, (OUTAGE_SECONDS + 60) * 1000, 'the link after the outage');
    expect(link).toBe(`${new URL(testDailyApiUrl()).origin}/meet/${room}`);
    const followUp = await one(email, 'meeting_link', interviewId);
    expect(Date.parse(followUp.SubmittedAt)).toBeGreaterThanOrEqual(downUntil);
    expect(text(followUp)).toContain(link);
    expect(calendarOf(followUp).location).toBe(link);
    expect(calendarOf(followUp).sequence).toBeGreaterThan(calendarOf(confirmation).sequence);

    const panelFollowUp = await one(interviewerEmail, 'meeting_link', interviewId);
    expect(text(panelFollowUp)).toContain(`with Rooms outage`);

    await sleep(2_000);
    expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(1);
    expect(await messagesOf(interviewerEmail, 'meeting_link', interviewId)).toHaveLength(1);
    const created = (await daily.callsFor(room)).filter((c) => c.method === 'POST' && c.path === '/rooms' && c.status === 200);
    expect(created).toHaveLength(1);
    await recordHistory(interviewId, 'meeting-room-late');
  });

  /** The Zoom meeting the stand-in holds for `room` (its agenda names the room), if any. */
  const zoomMeetingOf = async (room: string) => (await zoom.meetings()).filter((m) => m.agenda?.includes(room));
  const zoomLink = new RegExp(`^${testZoomStandIn().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/j/\\d{11}\\?pwd=\\w+$`);

  it('Zoom, chosen on the invitation over the kind’s Daily: one meeting made at booking, moved with the interview, deleted on cancel; its link in the page, the emails and the .ics', { timeout: 120_000 }, async () => {
    const { interviewId, token, email, room } = await inviteScreening('zoom', 'zoom');
    const [start, later] = await twoStarts(token);
    await portal.api.mutation('candidate.book', { token, start });
    const link = await eventually(async () => (await view(token)).meetingUrl ?? undefined, ASYNC_WAIT_MS, 'the Zoom link on the page');
    expect(link).toMatch(zoomLink);
    const [meeting] = await zoomMeetingOf(room);
    expect(meeting?.join_url).toBe(link);
    expect(meeting?.start_time).toBe(start.replace(/\.\d{3}Z$/, 'Z'));
    const confirmation = await one(email, 'confirmation', interviewId);
    expect(text(confirmation)).toContain(link);
    expect(calendarOf(confirmation).location).toBe(link);
    // The kind is held on Daily: the invitation's Zoom replaced it, and Daily was never called.
    expect(await daily.callsFor(room)).toEqual([]);

    await portal.api.mutation('candidate.reschedule', { token, start: later });
    const rescheduled = await one(email, 'rescheduled', interviewId);
    expect(text(rescheduled)).toContain(link);
    expect(calendarOf(rescheduled).location).toBe(link);
    await eventually(async () => ((await zoomMeetingOf(room))[0]?.start_time === later.replace(/\.\d{3}Z$/, 'Z') ? true : undefined), ASYNC_WAIT_MS, 'the meeting moved');
    const download = await (await fetch(`${portal.bookingUrl}/api/ics/${token}`)).text();
    expect(download.replace(/\r\n[ \t]/g, '')).toContain(`LOCATION:${link}`);

    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    await eventually(async () => ((await zoomMeetingOf(room)).length === 0 ? true : undefined), ASYNC_WAIT_MS, 'the meeting deleted');
    await sleep(2_000);
    const id = meetingIdIn(link);
    const calls = (await zoom.callsFor(id)).map((c) => `${c.method} ${c.status}`);
    expect(calls).toEqual(['POST 201', 'PATCH 204', 'DELETE 204']);
    expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(0);
  });

  it('Zoom: a meeting deleted in Zoom behind the portal’s back is made again on the next move, and its new link goes to the candidate once', { timeout: 120_000 }, async () => {
    const { interviewId, token, email, room } = await inviteScreening('zoom-deleted', 'zoom');
    const [start, later] = await twoStarts(token);
    await portal.api.mutation('candidate.book', { token, start });
    const first = await eventually(async () => (await view(token)).meetingUrl ?? undefined, ASYNC_WAIT_MS, 'the first link');
    await zoom.deleteAsZoomUser(meetingIdIn(first));

    await portal.api.mutation('candidate.reschedule', { token, start: later });
    const second = await eventually(async () => {
      const url = (await view(token)).meetingUrl;
      return url !== null && url !== first ? url : undefined;
    }, ASYNC_WAIT_MS, 'the new link on the page');
    expect(second).toMatch(zoomLink);
    expect((await zoomMeetingOf(room)).map((m) => m.join_url)).toEqual([second]);
    const followUp = await one(email, 'meeting_link', interviewId);
    expect(text(followUp)).toContain(second);
    await sleep(2_000);
    expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(1);
  });

  it('Zoom: the workflows worker killed after Zoom made the meeting and before its answer came: still one meeting, and its link is the one sent', { timeout: 240_000 }, async () => {
    const { interviewId, token, email, room } = await inviteScreening('zoom-kill', 'zoom');
    const [start] = await twoStarts(token);
    // Zoom makes the meeting at once and answers 60 s later: long enough for the kill to come first.
    await zoom.hold(60);
    await portal.api.mutation('candidate.book', { token, start });
    await eventually(async () => ((await zoomMeetingOf(room)).length === 1 ? true : undefined), ASYNC_WAIT_MS, 'the meeting made at Zoom');
    const restart = await portal.kill('workflows');
    await zoom.hold(0);
    await restart();

    // The create's next attempt (after its 30 s start-to-close) finds the meeting by its agenda.
    const link = await eventually(async () => (await view(token)).meetingUrl ?? undefined, 150_000, 'the link after the restart');
    const meetings = await zoomMeetingOf(room);
    expect(meetings).toHaveLength(1);
    expect(meetings[0]?.join_url).toBe(link);
    const calls = await zoom.calls();
    // The retried create looked for the meeting (by the room in its agenda) before making one.
    expect(calls.some((c) => c.method === 'GET' && /\/users\/[^/]+\/meetings/.test(c.path))).toBe(true);
    const creates = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/meetings'));
    expect(creates.filter((c) => c.meetingId === String(meetingIdIn(link)))).toHaveLength(1);
    const followUp = await one(email, 'meeting_link', interviewId);
    expect(text(followUp)).toContain(link);
    await sleep(2_000);
    expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(1);
  });
});

describe('Google Meet and Microsoft Teams, on the hiring team’s calendar through the organisation’s connections', () => {
  /** The calendar and mailbox the test environment names (GOOGLE_MEET_ORGANIZER, MICROSOFT_TEAMS_ORGANIZER). */
  const ORGANISER = 'interviews@example.test';
  const google = googleEvents();
  const graph = microsoftGraphStandIn();
  const teamsEvent = async (room: string) =>
    (await graph.portalEvents(ORGANISER)).find((e) => e.uid === `${room}@interview-portal-rooms`) as { start: { dateTime: string }; onlineMeeting?: { joinUrl: string } } | undefined;
  /** Graph answers times in UTC without a zone mark. */
  const graphStart = (event: { start: { dateTime: string } } | undefined) => (event === undefined ? NaN : Date.parse(`${event.start.dateTime}Z`));

  const cases = [
    {
      provider: 'meet' as const,
      link: /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/,
      /** The conference's event and its time, or null once deleted. */
      room: async (room: string) => {
        const event = await google.byId(ORGANISER, `ivroom${room.replace(/^interview-/, '')}`);
        return event === null || event.status === 'cancelled' ? null : { link: event.hangoutLink, start: Date.parse(event.start.dateTime) };
      },
    },
    {
      provider: 'teams' as const,
      link: /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//,
      room: async (room: string) => {
        const event = await teamsEvent(room);
        return event === undefined ? null : { link: event.onlineMeeting?.joinUrl, start: graphStart(event) };
      },
    },
  ];

  for (const { provider, link: linkShape, room: roomAt } of cases) {
    it(`${provider}: one meeting on the organiser’s calendar made at booking, moved with the interview, deleted on cancel; its link in the page, the emails and the .ics`, { timeout: 120_000 }, async () => {
      const { interviewId, token, email, room } = await inviteScreening(provider, provider);
      const [start, later] = await twoStarts(token);
      await portal.api.mutation('candidate.book', { token, start });
      const link = await eventually(async () => (await view(token)).meetingUrl ?? undefined, ASYNC_WAIT_MS, `the ${provider} link on the page`);
      expect(link).toMatch(linkShape);
      expect(await roomAt(room)).toEqual({ link, start: Date.parse(start) });
      const confirmation = await one(email, 'confirmation', interviewId);
      expect(text(confirmation)).toContain(link);
      expect(calendarOf(confirmation).location).toBe(link);

      await portal.api.mutation('candidate.reschedule', { token, start: later });
      const rescheduled = await one(email, 'rescheduled', interviewId);
      expect(text(rescheduled)).toContain(link);
      expect(calendarOf(rescheduled).location).toBe(link);
      await eventually(async () => ((await roomAt(room))?.start === Date.parse(later) ? true : undefined), ASYNC_WAIT_MS, 'the meeting moved');
      expect((await roomAt(room))?.link).toBe(link);
      const download = await (await fetch(`${portal.bookingUrl}/api/ics/${token}`)).text();
      expect(download.replace(/\r\n[ \t]/g, '')).toContain(`LOCATION:${link}`);

      await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
      await eventually(async () => ((await roomAt(room)) === null ? true : undefined), ASYNC_WAIT_MS, 'the meeting deleted');
      expect(await messagesOf(email, 'meeting_link', interviewId)).toHaveLength(0);
    });
  }
});

/** The Zoom meeting id in a join link (`…/j/{id}?pwd=…`). */
function meetingIdIn(link: string): string {
  const id = /\/j\/(\d+)/.exec(link)?.[1];
  if (id === undefined) throw new Error(`not a Zoom link: ${link}`);
  return id;
}
