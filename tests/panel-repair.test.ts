import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { eventIcs, plainCalDav } from './support/caldav-reader';
import { alwaysAvailableInterviewer, editableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, type SinkMessage, ASYNC_WAIT_MS } from './support/fixtures';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';

/**
 * The staleness bound of a change made in the portal (an answer by link, HR's edit of an
 * interviewer): the change signals the lifecycle where it is made, so it is the signal's delivery
 * and one replacement claim, seconds; 15 s leaves room for a loaded machine (docs/adr/0032).
 */
const STALENESS_BOUND_MS = 15_000;
const HOUR = 3_600_000;
const REPICK_WINDOW_S = 12;
/**
 * A change made in the interviewer's calendar is read by the next sync (every CALENDAR_SYNC_SECONDS),
 * which signals the lifecycle: the bound is the interval plus one sync and one replacement.
 */
const SYNC_SECONDS = 2;
const CALENDAR_BOUND_MS = 20_000;
const CALDAV_USERS = ['ana', 'ben'].map((name) => ({ name, password: `${name}-app-password` }));

let portal: PortalUnderTest;
let radicale: TestRadicale;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();

beforeAll(async () => {
  radicale = await startTestRadicale(CALDAV_USERS);
  portal = await startPortal(import.meta.url, {
    ...FAST_LIFECYCLE,
    CALENDAR_SYNC_SECONDS: String(SYNC_SECONDS),
    CALENDAR_TIMEOUT_MS: '2000',
    CALENDAR_CLAIM_CHECK_MS: '1000',
    INTERVIEWER_ANSWER_NUDGE_MINUTES: String(4 / 60),
    REPICK_WINDOW_MINUTES: String(REPICK_WINDOW_S / 60),
  });
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await portal?.stop();
  await radicale?.close();
});

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
const mails = async (to: string, kind: string) => (await sinkMessages(portal.sinkUrl, { to })).filter((m) => m.Metadata.kind === kind);

interface Detail {
  status: string;
  slot: { start: string; panel: { interviewerId: string; name: string; pickedBecause: string | null; answer: { answer: string; reason: string | null; via: string } | null }[] } | null;
  events: { detail: string }[];
}
const detailOf = (interviewId: string) => hr.query<Detail>('hr.interviews.get', { interviewId });

function answerToken(message: SinkMessage, answer: 'accept' | 'decline'): string {
  const match = new RegExp(`/a/([A-Za-z0-9_\\-.]+)\\?answer=${answer}`).exec(message.TextBody ?? '');
  if (!match?.[1]) throw new Error(`no ${answer} link in "${message.Subject}"`);
  return match[1];
}

/** The SEQUENCE and ATTENDEE addresses of a message's .ics. */
function calendarOf(message: SinkMessage) {
  const ics = Buffer.from(message.Attachments[0]?.Content ?? '', 'base64').toString('utf8').replace(/\r\n /g, '');
  return { sequence: Number(/^SEQUENCE:(\d+)/m.exec(ics)?.[1]), attendees: [...ics.matchAll(/^ATTENDEE[^\n]*mailto:([^\r\n]+)/gim)].map((m) => m[1]?.toLowerCase()) };
}

/** A pool of `size` always-free interviewers, one candidate booked 2 hours ahead with a panel of one. */
async function bookedInterview(label: string, size: number, beforeBooking?: (pool: { id: string }[]) => Promise<void>) {
  const names = Array.from({ length: size }, (_, i) => `${label} ${i + 1} ${run}`);
  const pool = await Promise.all(names.map(async (name) => ({ ...(await alwaysAvailableInterviewer(hr, name)), name, email: emailOf(name) })));
  await beforeBooking?.(pool);
  const candidateEmail = `${label.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
  const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: `${label} Candidate`, email: candidateEmail }, pool.map((p) => p.id));
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  const start = slots.find((s) => Date.parse(s.start) > Date.now() + 2 * HOUR)?.start;
  if (!start) throw new Error('no slot ahead');
  await portal.api.mutation('candidate.book', { token, start });
  const booked = await eventually(async () => (await detailOf(interviewId)).slot ?? undefined, ASYNC_WAIT_MS, 'the booking');
  const memberId = booked.panel[0]?.interviewerId;
  const member = pool.find((p) => p.id === memberId);
  if (!member) throw new Error('no panel member');
  const invitation = await eventually(async () => (await mails(member.email, 'interviewer_invitation'))[0], ASYNC_WAIT_MS, 'the invitation');
  const confirmation = await eventually(async () => (await mails(candidateEmail, 'confirmation'))[0], ASYNC_WAIT_MS, 'the confirmation');
  return { interviewId, token, start, pool, member, invitation, confirmation, candidateEmail };
}

type Booked = Awaited<ReturnType<typeof bookedInterview>>;

/**
 * Waits (within the bound) for the panel to name someone else, then checks what everyone got: the
 * leaver one CANCEL, the newcomer one REQUEST with answer links, the candidate one update naming
 * the new panel with a higher SEQUENCE; the time unchanged.
 */
async function expectReplaced(booked: Booked, changedAt: number, boundMs = STALENESS_BOUND_MS) {
  const replaced = await eventually(async () => {
    const detail = await detailOf(booked.interviewId);
    return detail.slot?.panel.some((m) => m.interviewerId !== booked.member.id) ? detail : undefined;
  }, boundMs, 'the replacement');
  const repairMs = Date.now() - changedAt;
  expect(replaced.status).toBe('SCHEDULED');
  expect(replaced.slot?.start).toBe(booked.start);
  const newcomer = booked.pool.find((p) => p.id === replaced.slot?.panel[0]?.interviewerId);
  if (!newcomer) throw new Error('the newcomer is not of the pool');
  const [update] = await Promise.all([
    eventually(async () => (await mails(booked.candidateEmail, 'panel_changed'))[0], STALENESS_BOUND_MS, 'the candidate update'),
    eventually(async () => (await mails(booked.member.email, 'interviewer_cancelled'))[0], STALENESS_BOUND_MS, 'the CANCEL'),
    eventually(async () => (await mails(newcomer.email, 'interviewer_invitation'))[0], STALENESS_BOUND_MS, 'the REQUEST'),
  ]);
  const ics = calendarOf(update);
  expect(ics.sequence).toBeGreaterThan(calendarOf(booked.confirmation).sequence);
  expect(ics.attendees).toContain(newcomer.email);
  expect(ics.attendees).not.toContain(booked.member.email);
  // Sends are retried under idempotency keys: a second copy would show here after a short wait.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect((await mails(booked.member.email, 'interviewer_cancelled')).length).toBe(1);
  expect((await mails(newcomer.email, 'interviewer_invitation')).length).toBe(1);
  expect((await mails(booked.candidateEmail, 'panel_changed')).length).toBe(1);
  expect((await mails(booked.candidateEmail, 'rescheduled')).length).toBe(0);
  expect(replaced.events.some((e) => e.detail.includes(`${booked.member.name} replaced by ${newcomer.name} at the same time`))).toBe(true);
  return { newcomer, repairMs, detail: replaced };
}

describe('interviewer answers', () => {
  it('Accept by link shows on the detail page; an unanswered member is nudged once', async () => {
    const booked = await bookedInterview('Accepting', 1);
    await portal.api.mutation('interviewerAnswer.answer', { token: answerToken(booked.invitation, 'accept'), answer: 'accept' });
    const detail = await eventually(async () => {
      const d = await detailOf(booked.interviewId);
      return d.slot?.panel[0]?.answer ? d : undefined;
    }, STALENESS_BOUND_MS, 'the answer');
    expect(detail.slot?.panel[0]?.answer).toMatchObject({ answer: 'accepted', via: 'link' });
    expect(detail.events.some((e) => e.detail === `${booked.member.name} accepted the invitation`)).toBe(true);

    const silent = await bookedInterview('Silent', 1);
    const nudge = await eventually(async () => (await mails(silent.member.email, 'interviewer_answer_nudge'))[0], ASYNC_WAIT_MS, 'the nudge');
    expect(nudge.TextBody).toMatch(/\/a\/[^\s]+\?answer=decline/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await mails(silent.member.email, 'interviewer_answer_nudge')).length).toBe(1);
    // The one who accepted in time is not nudged.
    expect((await mails(booked.member.email, 'interviewer_answer_nudge')).length).toBe(0);
  });
});

describe('a booked member who can no longer sit is replaced at the same time', () => {
  const latencies: Record<string, number> = {};
  afterAll(() => {
    console.info('replacement latency (ms)', latencies);
  });

  it('Decline by link, with a reason', async () => {
    const booked = await bookedInterview('Declining', 2);
    const changedAt = Date.now();
    await portal.api.mutation('interviewerAnswer.answer', { token: answerToken(booked.invitation, 'decline'), answer: 'decline', reason: 'On a flight' });
    const { repairMs, detail } = await expectReplaced(booked, changedAt);
    latencies.declineByLink = repairMs;
    expect(detail.events.some((e) => e.detail === `${booked.member.name} declined the invitation: On a flight`)).toBe(true);
    // The leaver's link answers for nobody now.
    const view = await portal.api.query<{ closedReason: string | null }>('interviewerAnswer.view', { token: answerToken(booked.invitation, 'decline') });
    expect(view.closedReason).toMatch(/no longer on this interview/);
    await recordHistory(booked.interviewId, 'panel-declined-replaced');
  });

  it('time off added over the booked time', async () => {
    const booked = await bookedInterview('Time Off', 2);
    const all = await hr.query<(Record<string, unknown> & { id: string })[]>('hr.interviewers.list');
    const doc = all.find((i) => i.id === booked.member.id);
    if (!doc) throw new Error('interviewer not listed');
    const start = Date.parse(booked.start);
    const changedAt = Date.now();
    await hr.mutation('hr.interviewers.upsert', {
      ...editableInterviewer(doc),
      id: booked.member.id,
      timeOff: [{ start: new Date(start - HOUR).toISOString(), end: new Date(start + 3 * HOUR).toISOString() }],
    });
    latencies.timeOff = (await expectReplaced(booked, changedAt)).repairMs;
  });

  it('an interviewer deactivated', async () => {
    const booked = await bookedInterview('Deactivated', 2);
    const all = await hr.query<(Record<string, unknown> & { id: string })[]>('hr.interviewers.list');
    const doc = all.find((i) => i.id === booked.member.id);
    if (!doc) throw new Error('interviewer not listed');
    const changedAt = Date.now();
    await hr.mutation('hr.interviewers.upsert', { ...editableInterviewer(doc), id: booked.member.id, active: false });
    latencies.deactivated = (await expectReplaced(booked, changedAt)).repairMs;
  });
});

describe('nobody can take the place', () => {
  it('the candidate is offered a new time, HR is told, and the old time is held until the deadline', async () => {
    const booked = await bookedInterview('Alone', 1);
    await portal.api.mutation('interviewerAnswer.answer', { token: answerToken(booked.invitation, 'decline'), answer: 'decline', reason: 'Ill' });
    const offer = await eventually(async () => (await mails(booked.candidateEmail, 'repick_offer'))[0], STALENESS_BOUND_MS, 'the re-pick offer');
    expect(offer.TextBody).toMatch(/\/b\//);
    const toHr = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { tag: 'panel_unfilled' })).find((m) => m.Metadata.interviewId === booked.interviewId),
      STALENESS_BOUND_MS,
      'HR told',
    );
    expect(toHr.TextBody).toContain(booked.member.name);
    const held = await detailOf(booked.interviewId);
    expect(held.status).toBe('SCHEDULED');
    expect(held.slot?.start).toBe(booked.start);
    const cancelled = await eventually(async () => {
      const d = await detailOf(booked.interviewId);
      return d.status === 'CANCELLED' ? d : undefined;
    }, (REPICK_WINDOW_S + 15) * 1000, 'the deadline');
    expect(cancelled.events.some((e) => /no new time was chosen/.test(e.detail))).toBe(true);
    expect((await mails(booked.candidateEmail, 'repick_offer')).length).toBe(1);
  });
});

describe('a change in the calendar of a booked member', () => {
  /** Both members of a pool of two, each with a calendar of their own (read: work, write: interviews). */
  async function withCalendars(label: string) {
    let accounts: { id: string; app: ReturnType<typeof plainCalDav>; user: { name: string; password: string }; work: string; interviews: string }[] = [];
    const connect = async (pool: { id: string }[]) => {
      accounts = await Promise.all(pool.map(async (member, i) => {
        const user = CALDAV_USERS[i];
        if (!user) throw new Error('no CalDAV user');
        const app = plainCalDav(radicale.url, user.name, user.password);
        const suffix = `${label.toLowerCase().replace(/\W+/g, '-')}-${run}`;
        const [work, interviews] = [await app.makeCalendar(`work-${suffix}`), await app.makeCalendar(`interviews-${suffix}`)];
        await hr.mutation('hr.calendars.connect', {
          interviewerId: member.id, serverUrl: radicale.url, username: user.name, password: user.password, readCalendarUrl: work, writeCalendarUrl: interviews,
        });
        return { id: member.id, app, user, work, interviews };
      }));
    };
    const booked = await bookedInterview(label, 2, connect);
    const account = accounts.find((a) => a.id === booked.member.id);
    if (!account) throw new Error('no account for the member');
    return { booked, account };
  }

  it('an event added over the interview by another calendar app', async () => {
    const { booked, account } = await withCalendars('Calendar Busy');
    // Wait for a sync after the connection, so the event below is a change it reads.
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 500));
    const start = Date.parse(booked.start);
    const changedAt = Date.now();
    await account.app.putEvent(account.work, `dentist-${run}`, eventIcs(`dentist-${run}`, new Date(start - 30 * 60_000), new Date(start + 30 * 60_000)));
    const { repairMs, detail } = await expectReplaced(booked, changedAt, CALENDAR_BOUND_MS);
    expect(detail.events.some((e) => e.detail.includes('another event in their calendar'))).toBe(true);
    console.info('replacement latency (ms), calendar event', repairMs);
  });

  it('a decline recorded in the calendar (PARTSTAT=DECLINED on the event the portal wrote)', async () => {
    const { booked, account } = await withCalendars('Calendar Decline');
    const uid = encodeURIComponent(`${booked.interviewId}@interview-portal`);
    const url = `${account.interviews}${uid}.ics`;
    const auth = `Basic ${Buffer.from(`${account.user.name}:${account.user.password}`).toString('base64')}`;
    const written = await eventually(async () => {
      const response = await fetch(url, { headers: { authorization: auth } });
      return response.ok ? response.text() : undefined;
    }, CALENDAR_BOUND_MS, 'the event written');
    const lines = written.replace(/\r\n[ \t]/g, '').split('\r\n');
    const declined = lines
      .map((line) => (line.startsWith('ATTENDEE') && line.toLowerCase().includes(`mailto:${booked.member.email}`) ? line.replace(/PARTSTAT=[A-Z-]+/, 'PARTSTAT=DECLINED') : line))
      .join('\r\n');
    expect(declined).toMatch(/PARTSTAT=DECLINED/);
    const changedAt = Date.now();
    await account.app.putEvent(account.interviews, uid, declined);
    const { repairMs, detail } = await expectReplaced(booked, changedAt, CALENDAR_BOUND_MS);
    expect(detail.events.some((e) => e.detail === `${booked.member.name} declined the invitation in their calendar`)).toBe(true);
    console.info('replacement latency (ms), calendar decline', repairMs);
  });
});
