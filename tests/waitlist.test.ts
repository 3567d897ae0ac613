import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { eventually, inviteAndReadLink, inviteInTens, signInAsAdmin, sinkMessages } from './support/fixtures';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type RestClient } from './support/rest-client';
import { portalTemporalClient } from './support/temporal-client';

const run = Date.now();
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;
/** Holds last 20 s here (15 minutes by default). */
const SETTINGS = {
  INTERVIEW_DURATION_MINUTES: '30',
  SLOT_STEP_MINUTES: '30',
  MIN_NOTICE_MINUTES: '0',
  HORIZON_DAYS: '14',
  INVITATION_EXPIRY_MINUTES: '60',
  HOLD_MINUTES: String(20 / 60),
};
/** Racing requests for a held time: ten candidates of the pool, five requests each, all at once. */
const RACERS = 10;
const TRIES_EACH = 5;

interface Page {
  status: string;
  slot: { start: string } | null;
  waitlist: { joinedAt: string; before: string | null } | null;
  hold: { id: string; start: string; expiresAt: string } | null;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let rest: RestClient;
let mongo: mongoose.Connection;

beforeAll(async () => {
  portal = await startPortal(import.meta.url, SETTINGS);
  hr = await signInAsAdmin(portal.api);
  rest = createRestClient(portal.bookingUrl);
  mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
});

afterAll(async () => {
  await mongo?.close();
  await portal?.stop();
});

/** Midnight UTC `days` from today. */
const dayAhead = (days: number) => Math.floor(Date.now() / DAY) * DAY + days * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

/** One interviewer with three half hours a day (09:00–10:30 UTC) from `fromDay` on: a pool that fills. */
async function scarceInterviewer(name: string, fromDay: number) {
  return hr.mutation<{ id: string }>('hr.interviewers.upsert', {
    name: `${name} ${run}`,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`,
    timezone: 'UTC',
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '10:30' }] })),
    overrides: [],
    timeOff: [{ start: iso(Date.now() - HOUR), end: iso(fromDay) }],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: 24,
    active: true,
  });
}

const view = (token: string) => rest<Page>('get', '/candidate/interview', { bearer: token }).then((answer) => answer.body);
const mail = async (interviewId: string, kind: string) =>
  (await sinkMessages(portal.sinkUrl, {})).filter((m) => m.Metadata.interviewId === interviewId && m.Metadata.kind === kind);
const holdOf = (token: string) =>
  eventually(async () => {
    const page = await view(token);
    return page.hold ?? undefined;
  }, 30_000, 'the hold');

describe('the waitlist for an earlier time, with timed exclusive holds', () => {
  it('a cancelled earlier time is held for the first waiting candidate only; it expires to the second, who accepts; the time they leave goes to the third; 50 racing bookings of a held time all lose', { timeout: 240_000 }, async () => {
    const { id: member } = await scarceInterviewer('Waitlist Member', dayAhead(2));
    const early = dayAhead(2) + 9 * HOUR;
    const late = dayAhead(3) + 9 * HOUR;
    const people = ['Early', 'Fill One', 'Fill Two', 'First', 'Second', 'Third'].map((name) => ({ name: `WL ${name}`, email: `wl.${name.replace(' ', '').toLowerCase()}.${run}@example.test` }));
    const [early0, fill1, fill2, first, second, third] = await inviteInTens(hr, portal.sinkUrl, people, [member]);
    if (!early0 || !fill1 || !fill2 || !first || !second || !third) throw new Error('six invitations');
    // The early day fills; the three waiting candidates book the later day, in order.
    const times: [typeof first, number][] = [[early0, early], [fill1, early + HOUR / 2], [fill2, early + HOUR], [first, late], [second, late + HOUR / 2], [third, late + HOUR]];
    // The second chose texts when booking: their offer comes by text too.
    const digits = String(run % 10_000_000).padStart(7, '0');
    const secondPhone = { written: `+49 151 ${digits.slice(0, 3)} ${digits.slice(3)}`, e164: `+49151${digits}` };
    for (const [who, at] of times) {
      const texts = who === second ? { phone: secondPhone.written, sms: true } : {};
      const booked = await rest<Page>('post', '/candidate/booking', { bearer: who.token, body: { start: iso(at), timezone: 'UTC', ...texts } });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    }
    for (const who of [first, second, third]) {
      const joined = await rest<Page>('post', '/candidate/waitlist', { bearer: who.token, body: {} });
      expect(joined.body.waitlist).not.toBeNull();
    }

    // The early booking is cancelled: the first to join gets the time, held; nobody else does.
    await rest('delete', '/candidate/booking', { bearer: early0.token, body: { reason: 'Took another offer' } });
    const firstHold = await holdOf(first.token);
    expect(firstHold.start).toBe(iso(early));
    expect((await view(second.token)).hold).toBeNull();
    expect((await view(third.token)).hold).toBeNull();
    await eventually(async () => ((await mail(first.interviewId, 'hold_offer')).length === 1 ? true : undefined), 30_000, 'the first offer');
    // Nobody else can book a held time, and the slot lists leave it out.
    const outsider = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'WL Outsider', email: `wl.outsider.${run}@example.test` }, [member]);
    const listed = await rest<{ slots: { start: string }[] }>('get', '/candidate/slots', { bearer: outsider.token });
    expect(listed.body.slots.map((s) => s.start)).not.toContain(iso(early));
    const refused = await rest('post', '/candidate/booking', { bearer: outsider.token, body: { start: iso(early), timezone: 'UTC' } });
    expect(refused.status).toBe(409);
    // Joining again while the hold is open is refused: the hold stays the one open.
    const again = await rest('post', '/candidate/waitlist', { bearer: first.token, body: {} });
    expect(again.status).toBe(400);
    expect((await view(first.token)).hold?.id).toBe(firstHold.id);
    // Ops see it on the workflow's page in the Temporal UI: Current Details name the hold and its expiry.
    const temporal = await Connection.connect({ address: testTemporalAddress() });
    try {
      const handle = portalTemporalClient(temporal).workflow.getHandle(interviewWorkflowId(first.interviewId));
      const details = await eventually(async () => {
        const { currentDetails } = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
        return currentDetails?.includes('**Held earlier time:**') ? currentDetails : undefined;
      }, 10_000, 'the hold in Current Details');
      expect(details).toContain(`**Held earlier time:** ${firstHold.start}`);
      expect(details).toContain(`the candidate's alone until ${firstHold.expiresAt}`);
    } finally {
      await temporal.close();
    }

    // Unanswered, it expires (20 s here): the first leaves the waitlist and the second gets the time.
    const secondHold = await eventually(async () => (await view(second.token)).hold ?? undefined, 60_000, 'the second hold');
    expect(secondHold.start).toBe(iso(early));
    expect(await view(first.token)).toMatchObject({ hold: null, waitlist: null, slot: { start: iso(late) } });
    const offerText = await eventually(async () => {
      const answer = await fetch(`${portal.sinkUrl}/sms?to=${encodeURIComponent(secondPhone.e164)}`);
      return ((await answer.json()) as { messages: { body: string }[] }).messages.find((m) => m.body.startsWith('An earlier time'));
    }, 30_000, 'the offer by text');
    expect(offerText.body).toContain('/b/');

    // The second accepts: moved, exactly as a reschedule; the time it leaves is earlier than the third's.
    const accepted = await rest<Page>('post', `/candidate/holds/${secondHold.id}/accept`, { bearer: second.token });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ slot: { start: iso(early) }, hold: null, waitlist: null });
    const thirdHold = await holdOf(third.token);
    expect(thirdHold.start).toBe(iso(late + HOUR / 2));

    // Racers for the third's held time: every one refused, none booked.
    const racers = await inviteInTens(
      hr,
      portal.sinkUrl,
      Array.from({ length: RACERS }, (_, i) => ({ name: `WL Racer ${i}`, email: `wl.racer.${i}.${run}@example.test` })),
      [member],
    );
    const answers = await Promise.all(
      racers.flatMap((racer) => Array.from({ length: TRIES_EACH }, () => rest('post', '/candidate/booking', { bearer: racer.token, body: { start: iso(late + HOUR / 2), timezone: 'UTC' } }))),
    );
    expect(answers).toHaveLength(50);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(0);
    expect(answers.every((a) => a.status === 409)).toBe(true);

    // Each message once: the offers, and the second's move.
    await eventually(async () => ((await mail(second.interviewId, 'rescheduled')).length === 1 ? true : undefined), 30_000, 'the move’s email');
    expect(await mail(first.interviewId, 'hold_offer')).toHaveLength(1);
    expect(await mail(second.interviewId, 'hold_offer')).toHaveLength(1);
    await eventually(async () => ((await mail(third.interviewId, 'hold_offer')).length === 1 ? true : undefined), 30_000, 'the third offer');
  });

  it('a hold still expires, once, when the workflows worker is killed while it runs', { timeout: 180_000 }, async () => {
    const { id: member } = await scarceInterviewer('Crash Member', dayAhead(5));
    const early = dayAhead(5) + 9 * HOUR;
    const late = dayAhead(6) + 9 * HOUR;
    const [gone, waiting] = await inviteInTens(
      hr,
      portal.sinkUrl,
      ['Gone', 'Waiting'].map((name) => ({ name: `WLC ${name}`, email: `wlc.${name.toLowerCase()}.${run}@example.test` })),
      [member],
    );
    if (!gone || !waiting) throw new Error('two invitations');
    await rest('post', '/candidate/booking', { bearer: gone.token, body: { start: iso(early), timezone: 'UTC' } });
    await rest('post', '/candidate/booking', { bearer: waiting.token, body: { start: iso(late), timezone: 'UTC' } });
    await rest('post', '/candidate/waitlist', { bearer: waiting.token, body: {} });
    await rest('delete', '/candidate/booking', { bearer: gone.token, body: {} });
    const hold = await holdOf(waiting.token);

    const restart = await portal.kill('workflows');
    await new Promise((done) => setTimeout(done, Math.max(0, Date.parse(hold.expiresAt) - Date.now()) + 2_000));
    await restart();
    await eventually(async () => ((await view(waiting.token)).waitlist === null ? true : undefined), 90_000, 'the expiry after the restart');
    const audit = await mongo.collection('audit_events').find({ interviewId: waiting.interviewId, detail: { $regex: 'expired unused' } }).toArray();
    expect(audit).toHaveLength(1);
    expect(await view(waiting.token)).toMatchObject({ hold: null, slot: { start: iso(late) } });
    // Its claim went with it: the early time is free again.
    const slots = await rest<{ slots: { start: string }[] }>('get', '/candidate/slots', { bearer: waiting.token });
    expect(slots.body.slots.map((s) => s.start)).toContain(iso(early));
  });
});
