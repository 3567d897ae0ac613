import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, bookAhead } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';

// 45 s, 15 s, 7.5 s before the start. Booking 20–40 s ahead leaves the 45 s reminder already past.
const OFFSETS_MS = [45_000, 15_000, 7_500];
const LEAD_MS = { min: 20_000, max: 40_000 };

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let mongo: mongoose.Connection;
const run = Date.now();

beforeAll(async () => {
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: OFFSETS_MS.map((ms) => ms / 60_000).join(','),
    INVITATION_EXPIRY_MINUTES: '60',
  });
  hr = await signInAsAdmin(portal.api);
  mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
});

afterAll(async () => {
  await mongo?.close();
  await portal?.stop();
});

/**
 * Each test has interviewers of its own, so the concurrent tests never race for one slot. Two of
 * them let a booking move by a minute: a claim covers whole 5-minute cells, so the same
 * interviewer's next minute is still held by the booking being moved.
 */
async function invite(label: string, interviewers = 1) {
  const pool = await Promise.all(
    Array.from({ length: interviewers }, (_, i) => alwaysAvailableInterviewer(hr, `Reminder ${label} ${i + 1}`)),
  );
  const email = `reminders-${label}.${run}@example.test`;
  const candidate = { name: `Rem ${label}`, email };
  return { email, ...(await inviteAndReadLink(hr, portal.sinkUrl, candidate, pool.map((i) => i.id))) };
}

interface Reminder {
  start: number;
  offsetMs: number;
  arrivedAt: number;
}

/** Reminders the sink accepted for one interview, oldest first, each matched to its slot and offset through the message log. */
async function remindersOf(interviewId: string, email: string): Promise<Reminder[]> {
  const received = (await sinkMessages(portal.sinkUrl, { to: email })).filter(
    (m) => m.Metadata.kind === 'reminder' && m.Metadata.interviewId === interviewId,
  );
  const rows = await messageLog().find({ interviewId, kind: 'reminder' }).toArray();
  return received.map((message) => {
    const row = rows.find((r) => r.messageId === message.MessageID);
    // _id is the idempotency key: interview|kind|slot start|offset
    const [, , start, offset] = (row?._id ?? '').split('|');
    return { start: Date.parse(start ?? ''), offsetMs: Number(offset), arrivedAt: Date.parse(message.SubmittedAt) };
  });
}

function messageLog() {
  if (!mongo.db) throw new Error('not connected to the portal database');
  return mongo.db.collection<{ _id: string; interviewId: string; kind: string; messageId?: string }>('messages');
}

async function untilPast(at: number): Promise<void> {
  await sleep(Math.max(0, at - Date.now()));
}

describe.concurrent('reminders follow the booking', () => {
  it('a reminder whose moment already passed at booking is skipped, not sent late', { timeout: 150_000 }, async ({ expect }) => {
    const { interviewId, token, email } = await invite('skip');
    const start = await bookAhead(portal.api, token, LEAD_MS);
    await untilPast(start + 3_000);

    const reminders = await remindersOf(interviewId, email);
    expect(reminders.map((r) => [r.start, r.offsetMs])).toEqual([[start, 15_000], [start, 7_500]]);
    const logged = await messageLog().countDocuments({ interviewId, kind: 'reminder' });
    expect(logged).toBe(2);
  });

  it('a reschedule re-plans reminders: none for the old time after it, all of the new time in order', { timeout: 170_000 }, async ({ expect }) => {
    const { interviewId, token, email } = await invite('moved', 2);
    const oldStart = await bookAhead(portal.api, token, LEAD_MS);
    await eventually(async () => ((await remindersOf(interviewId, email)).length === 1 ? true : undefined), 60_000, 'the first reminder');

    // Far enough ahead that the 45 s reminder, skipped for the old time, is due again for the new
    // one: the move comes about 15 s before the old start, so that reminder falls due about 15 s later.
    const newStart = oldStart + 45_000;
    await portal.api.mutation('candidate.reschedule', { token, start: new Date(newStart).toISOString() });
    const rescheduledAt = Date.now();
    await untilPast(newStart - 7_500 + 3_000);

    const reminders = await remindersOf(interviewId, email);
    const old = reminders.filter((r) => r.start === oldStart);
    expect(old.map((r) => r.offsetMs)).toEqual([15_000]);
    expect(old.every((r) => r.arrivedAt < rescheduledAt)).toBe(true);
    const moved = reminders.filter((r) => r.start === newStart);
    expect(moved.map((r) => r.offsetMs)).toEqual(OFFSETS_MS);
    // Each arrives before the next one is due: a re-planned reminder is on time, not caught up late.
    moved.slice(0, -1).forEach((r, i) => expect(r.arrivedAt).toBeLessThan(newStart - (OFFSETS_MS[i + 1] ?? 0)));
    // Handed over up to REMINDER_LEAD_SECONDS ahead, each is still held until its own moment, never sent early.
    reminders.forEach((r) => expect(r.arrivedAt).toBeGreaterThanOrEqual(r.start - r.offsetMs));
    expect(reminders).toHaveLength(4);
  });

  it('a cancel stops reminders: none arrives after it, even once their times have passed', { timeout: 150_000 }, async ({ expect }) => {
    const { interviewId, token, email } = await invite('cancelled');
    const start = await bookAhead(portal.api, token, LEAD_MS);
    await eventually(async () => ((await remindersOf(interviewId, email)).length === 1 ? true : undefined), 60_000, 'the first reminder');

    const view = await portal.api.mutation<{ status: string }>('candidate.cancel', { token, reason: 'Accepted another offer' });
    expect(view.status).toBe('CANCELLED');
    const cancelledAt = Date.now();
    await untilPast(start + 3_000);

    const reminders = await remindersOf(interviewId, email);
    expect(reminders.map((r) => r.offsetMs)).toEqual([15_000]);
    expect(reminders.every((r) => r.arrivedAt < cancelledAt)).toBe(true);
    const kinds = (await sinkMessages(portal.sinkUrl, { to: email })).map((m) => m.Metadata.kind);
    expect(kinds).toEqual(['invitation', 'confirmation', 'reminder', 'cancelled']);
  });
});
