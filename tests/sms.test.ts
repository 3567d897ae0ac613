import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, bookAhead, eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS, invitationTo } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';

// Reminders 30 s, 15 s and 7.5 s before the start; booking 38–50 s ahead leaves all three ahead.
const OFFSETS_MS = [30_000, 15_000, 7_500];
const LEAD_MS = { min: 38_000, max: 50_000 };

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

/** A German mobile number of this run's own, written as a person would, and its E.164 form. */
function mobile(n: number): { written: string; e164: string } {
  const digits = `${String(run).slice(-6)}${String(n).padStart(2, '0')}`;
  return { written: `+49 151 ${digits.slice(0, 4)} ${digits.slice(4)}`, e164: `+49151${digits}` };
}

interface SinkText {
  sid: string;
  to: string;
  body: string;
  status: string;
}

/** What the sink got for one number, oldest first. */
async function textsTo(e164: string): Promise<SinkText[]> {
  const answer = await fetch(`${portal.sinkUrl}/sms?to=${encodeURIComponent(e164)}`);
  return ((await answer.json()) as { messages: SinkText[] }).messages.reverse();
}

interface LogRow {
  _id: string;
  interviewId: string;
  kind: string;
  channel?: string;
  status: string;
  messageId?: string;
  audit?: string;
  events: unknown[];
}

function messageLog() {
  if (!mongo.db) throw new Error('not connected to the portal database');
  return mongo.db.collection<LogRow>('messages');
}

/** The interview's texts in the message log: kind, slot start and offset from the key (interview|kind|start|variant|sms). */
async function textRows(interviewId: string) {
  const rows = await messageLog().find({ interviewId, channel: 'sms' }).toArray();
  return rows.map((row) => {
    const [, kind, start, variant] = row._id.split('|');
    return { ...row, kind: kind ?? '', start: Date.parse(start ?? ''), variant: variant ?? '' };
  });
}

async function invite(label: string, interviewers = 1) {
  const pool = await Promise.all(Array.from({ length: interviewers }, (_, i) => alwaysAvailableInterviewer(hr, `Texts ${label} ${i + 1}`)));
  const email = `sms-${label}.${run}@example.test`;
  return { email, pool, ...(await inviteAndReadLink(hr, portal.sinkUrl, { name: `Sms ${label}`, email }, pool.map((i) => i.id))) };
}

/** A reply from the phone, through the sink, signed and forwarded to the portal as Twilio would. */
async function reply(from: string, body: string): Promise<number | null> {
  const answer = await fetch(`${portal.sinkUrl}/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, body, url: `${portal.notificationsUrl}/webhooks/twilio/inbound` }),
  });
  return ((await answer.json()) as { httpStatus: number | null }).httpStatus;
}

const untilPast = (at: number) => sleep(Math.max(0, at - Date.now()));

describe.concurrent('texts to a candidate who opted in', () => {
  it('texts the confirmation and each of three reminders exactly once, and records their delivery', { timeout: 150_000 }, async () => {
    const { interviewId, token } = await invite('once');
    const phone = mobile(1);
    const start = await bookAhead(portal.api, token, LEAD_MS, { phone: phone.written, sms: true });
    const view = await portal.api.query<{ candidatePhone: string | null; smsOptIn: boolean }>('candidate.view', { token });
    expect(view).toMatchObject({ candidatePhone: phone.e164, smsOptIn: true });
    await untilPast(start + 3_000);

    const texts = await textsTo(phone.e164);
    expect(texts).toHaveLength(4);
    expect(texts[0]?.body).toContain('is booked');
    expect(texts.slice(1).every((t) => t.body.startsWith('Reminder:'))).toBe(true);
    const rows = await textRows(interviewId);
    expect(rows.filter((r) => r.kind === 'confirmation')).toHaveLength(1);
    const reminders = rows.filter((r) => r.kind === 'reminder');
    expect(reminders.map((r) => [r.start, Number(r.variant)]).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))).toEqual(OFFSETS_MS.map((o) => [start, o]));
    expect(new Set(texts.map((t) => t.sid))).toEqual(new Set(rows.map((r) => r.messageId)));
    // Twilio's signed delivery reports, verified and recorded.
    await eventually(async () => ((await textRows(interviewId)).every((r) => r.status === 'DELIVERED') ? true : undefined), ASYNC_WAIT_MS, 'delivery reports');
    const detail = await hr.query<{ events: { detail: string }[] }>('hr.interviews.get', { interviewId });
    expect(detail.events.filter((e) => e.detail.endsWith('by SMS sent'))).toHaveLength(3);
  });

  it('sends nothing to a number after it replies STOP, and texts it again after START', { timeout: 150_000 }, async () => {
    const { interviewId, token } = await invite('stop', 2);
    const phone = mobile(2);
    const start = await bookAhead(portal.api, token, LEAD_MS, { phone: phone.written, sms: true });
    await eventually(async () => ((await textsTo(phone.e164)).length === 1 ? true : undefined), ASYNC_WAIT_MS, 'the confirmation text');

    expect(await reply(phone.e164, ' Stop ')).toBe(200);
    await portal.api.mutation('candidate.reschedule', { token, start: new Date(start + 60_000).toISOString() });
    await eventually(async () => ((await textRows(interviewId)).some((r) => r.kind === 'rescheduled') ? true : undefined), ASYNC_WAIT_MS, 'the move handled');
    await sleep(2_000);
    expect((await textsTo(phone.e164)).map((t) => t.body)).toHaveLength(1);
    expect((await textRows(interviewId)).find((r) => r.kind === 'rescheduled')?.status).toBe('OPTED_OUT');

    expect(await reply(phone.e164, 'START')).toBe(200);
    await portal.api.mutation('candidate.cancel', { token, reason: 'Found another role' });
    const texts = await eventually(async () => {
      const got = await textsTo(phone.e164);
      return got.length === 2 ? got : undefined;
    }, ASYNC_WAIT_MS, 'the cancellation text');
    expect(texts[1]?.body).toContain('is cancelled');
    const emails = await sinkMessages(portal.sinkUrl, { to: `sms-stop.${run}@example.test` });
    expect(emails.map((m) => m.Metadata.kind)).toContain('rescheduled');
  });

  it('refuses a forged delivery report and a forged STOP with 403, and changes nothing', { timeout: 120_000 }, async () => {
    const { interviewId, token } = await invite('forged');
    const phone = mobile(3);
    await bookAhead(portal.api, token, LEAD_MS, { phone: phone.written, sms: true });
    const delivered = await eventually(async () => (await textRows(interviewId)).find((r) => r.kind === 'confirmation' && r.status === 'DELIVERED'), ASYNC_WAIT_MS, 'the delivered confirmation');

    const forged = (path: string, params: Record<string, string>) =>
      fetch(`${portal.notificationsUrl}/webhooks/twilio/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IHR3aWxpbydzIHNpZ25hdHVyZQ==' },
        body: new URLSearchParams(params),
      });
    const report = await forged('status', { MessageSid: delivered.messageId ?? '', MessageStatus: 'failed', ErrorCode: '30003' });
    expect(report.status).toBe(403);
    const stop = await forged('inbound', { MessageSid: `SM${'1'.repeat(32)}`, From: phone.e164, Body: 'STOP' });
    expect(stop.status).toBe(403);

    const after = await messageLog().findOne({ _id: delivered._id });
    expect(after?.status).toBe('DELIVERED');
    expect(after?.events).toHaveLength(delivered.events.length);
    expect(await mongo.db?.collection('sms_opt_outs').countDocuments({ _id: phone.e164 as never })).toBe(0);
  });

  it('a bad number is refused on its field with nothing booked, over tRPC and REST', { timeout: 60_000 }, async () => {
    const { interviewId, token } = await invite('bad');
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const start = slots.at(-1)?.start;
    const refused = await portal.api.mutation('candidate.book', { token, start, phone: 'call me maybe', sms: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('BAD_REQUEST');
    expect((refused as ApiError).zodError).toMatchObject({ fieldErrors: { phone: [expect.stringContaining('country code')] } });

    const noNumber = await portal.api.mutation('candidate.book', { token, start, sms: true }).catch((e: unknown) => e);
    expect((noNumber as ApiError).domainCode).toBe('BAD_INPUT');

    const rest = await fetch(`${portal.bookingUrl}/api/v1/candidate/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ start, timezone: 'Europe/Berlin', phone: '0151 2345', sms: true }),
    });
    expect(rest.status).toBe(400);
    expect(((await rest.json()) as { error: { field?: string } }).error.field).toBe('phone');

    const view = await portal.api.query<{ status: string; candidatePhone: string | null }>('candidate.view', { token });
    expect(view).toMatchObject({ status: 'INVITED', candidatePhone: null });
    expect(await textRows(interviewId)).toEqual([]);
  });
});

describe.concurrent('reminder schedules', () => {
  it('a kind’s schedule sends each reminder by its own channel; an invitation’s own replaces it', { timeout: 150_000 }, async () => {
    await hr.mutation('hr.kinds.update', {
      kind: 'screening',
      minNoticeMinutes: 0,
      horizonDays: 1,
      changeCutoffMinutes: 0,
      reminders: [
        { offsetMinutes: 0.5, channel: 'email' },
        { offsetMinutes: 0.25, channel: 'sms' },
      ],
    });
    const pool = await Promise.all([1, 2].map((i) => alwaysAvailableInterviewer(hr, `Schedule ${i}`)));
    const inviteScreening = async (label: string, reminders?: unknown) => {
      const email = `schedule-${label}.${run}@example.test`;
      const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
        candidateName: `Schedule ${label}`,
        candidateEmail: email,
        candidateTimezone: 'Europe/Berlin',
        position: 'Support Engineer',
        kind: 'screening',
        interviewerIds: [pool[label === 'kind' ? 0 : 1]?.id],
        ...(reminders === undefined ? {} : { reminders }),
      });
      return { interviewId, email, token: linkToken(await invitationTo(portal.sinkUrl, email, interviewId)) };
    };
    const byKind = await inviteScreening('kind');
    const own = await inviteScreening('own', [{ offsetMinutes: 0.25, channel: 'email' }, { offsetMinutes: 0.125, channel: 'sms' }]);
    const phone = mobile(4);
    const [start, ownStart] = await Promise.all([
      bookAhead(portal.api, byKind.token, LEAD_MS, { phone: phone.written, sms: true }),
      bookAhead(portal.api, own.token, LEAD_MS),
    ]);
    // Past the last moment any schedule in play would send at (the portal's own ends 7.5 s before
    // the start): a reminder sent by the wrong schedule has shown by then.
    await untilPast(Math.max(start, ownStart) - 7_500 + 3_000);

    const emailReminders = async (interviewId: string) =>
      (await messageLog().find({ interviewId, kind: 'reminder', channel: { $exists: false } }).toArray()).map((r) => Number(r._id.split('|')[3]));
    expect(await emailReminders(byKind.interviewId)).toEqual([30_000]);
    expect((await textRows(byKind.interviewId)).filter((r) => r.kind === 'reminder').map((r) => Number(r.variant))).toEqual([15_000]);
    const texts = await textsTo(phone.e164);
    expect(texts).toHaveLength(2);
    expect(texts[0]?.body).toContain('is booked');
    expect(texts[1]?.body).toMatch(/^Reminder:/);

    expect(await emailReminders(own.interviewId)).toEqual([15_000]);
    expect(await textRows(own.interviewId)).toEqual([]);
    const trail = await hr.query<{ events: { detail: string }[] }>('hr.interviews.get', { interviewId: own.interviewId });
    expect(trail.events.some((e) => e.detail.includes('SMS reminders skipped (no opt-in to texts)'))).toBe(true);
  });

  it('a reschedule moves the SMS reminders: none for the old time after it, all three for the new one', { timeout: 170_000 }, async () => {
    const { interviewId, token } = await invite('moved', 2);
    const phone = mobile(5);
    const oldStart = await bookAhead(portal.api, token, LEAD_MS, { phone: phone.written, sms: true });
    await eventually(async () => ((await textRows(interviewId)).some((r) => r.kind === 'reminder' && r.status !== 'SENDING') ? true : undefined), 60_000, 'the first text reminder');

    // Half a minute on: the new time's first reminder (30 s before it) falls about when the old
    // start would have, well after the move, so all three are still ahead of it.
    const newStart = oldStart + 30_000;
    await portal.api.mutation('candidate.reschedule', { token, start: new Date(newStart).toISOString() });
    await untilPast(newStart - 7_500 + 3_000);

    const reminders = (await textRows(interviewId)).filter((r) => r.kind === 'reminder');
    expect(reminders.filter((r) => r.start === oldStart).map((r) => Number(r.variant))).toEqual([30_000]);
    expect(reminders.filter((r) => r.start === newStart).map((r) => Number(r.variant)).sort((a, b) => b - a)).toEqual(OFFSETS_MS);
    const texts = await textsTo(phone.e164);
    expect(texts).toHaveLength(6);
    expect(texts.filter((t) => t.body.includes('has moved'))).toHaveLength(1);
  });
});
