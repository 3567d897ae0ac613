import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { alwaysAvailableInterviewer, editableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';

const run = Date.now();
const DAY = 24 * 3_600_000;
interface CandidatePage {
  status: string;
  hold: { id: string; start: string; end: string; expiresAt: string; purpose: 'earlier' | 'window' } | null;
  slot: { start: string; end: string } | null;
  availability: { windows: { start: string; end: string }[]; timezone: string; note: string | null; submittedAt: string } | null;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let rest: RestClient;
let mongo: mongoose.Connection;

// The run's common shared portal: HR hears after 15 s there (two working days by default); the
// periodic search stays at 15 minutes, longer than any test, so a booking here comes from the word
// of a change, not the timer. This file reads only its own interviewers and interviews.
beforeAll(async () => {
  portal = await sharedPortal();
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
/** `2026-12-02T10:00` in UTC, as the candidate writes a window. */
const local = (ms: number) => iso(ms).slice(0, 16);

/** An interviewer free all week but away on `awayDay` (a whole UTC day). */
async function awayOn(name: string, awayDay: number) {
  const { id } = await alwaysAvailableInterviewer(hr, `${name} ${run}`);
  const listed = await hr.query<Record<string, unknown>[]>('hr.interviewers.list');
  const doc = listed.find((i) => i['id'] === id) ?? {};
  const timeOff = [{ start: iso(awayDay), end: iso(awayDay + DAY) }];
  await hr.mutation('hr.interviewers.upsert', { ...editableInterviewer(doc), id, timeOff });
  return { id, doc: { ...editableInterviewer(doc), id, timeOff } };
}

async function invite(label: string, interviewerId: string, availabilityAction?: 'offer') {
  return inviteAndReadLink(hr, portal.sinkUrl, { name: `Avail ${label}`, email: `availability.${label}.${run}@example.test` }, [interviewerId], 'Backend Engineer', { availabilityAction });
}

const viewOf = (token: string) => portal.api.query<CandidatePage>('candidate.view', { token });

const messagesAbout = async (interviewId: string, kind: string) =>
  (await sinkMessages(portal.sinkUrl, {})).filter((m) => m.Metadata.interviewId === interviewId && m.Metadata.kind === kind);

describe.concurrent('when none of the offered times work', () => {
  it('books the first free time inside the windows once the interviewer’s new hours open it, and confirms it once', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(3);
    const member = await awayOn('Windows Member', away);
    const { interviewId, token } = await invite('books', member.id);
    const window = { start: local(away + 10 * 3_600_000), end: local(away + 12 * 3_600_000) };

    const page = await portal.api.mutation<CandidatePage>('candidate.submitAvailability', { token, windows: [window], timezone: 'UTC', note: 'After my night shift' });
    expect(page.status).toBe('INVITED');
    expect(page.availability).toMatchObject({ windows: [{ start: iso(away + 10 * 3_600_000), end: iso(away + 12 * 3_600_000) }], timezone: 'UTC', note: 'After my night shift' });
    // Nothing fits while the interviewer is away: searched at once and again, still unbooked.
    await new Promise((done) => setTimeout(done, 8_000));
    expect((await portal.api.query<CandidatePage>('candidate.view', { token })).status).toBe('INVITED');

    // HR takes the time off back: the lifecycle hears of it and books 10:00 on that day.
    await hr.mutation('hr.interviewers.upsert', { ...member.doc, timeOff: [] });
    const booked = await eventually(async () => {
      const view = await portal.api.query<CandidatePage>('candidate.view', { token });
      return view.status === 'SCHEDULED' ? view : undefined;
    }, 30_000, 'the booking inside the window');
    expect(booked.slot?.start).toBe(iso(away + 10 * 3_600_000));
    await eventually(async () => ((await messagesAbout(interviewId, 'confirmation')).length === 1 ? true : undefined), 30_000, 'the confirmation');
    const detail = await hr.query<{ events: { detail: string }[] }>('hr.interviews.get', { interviewId });
    expect(detail.events.map((e) => e.detail)).toEqual(expect.arrayContaining([expect.stringContaining('inside the times the candidate could come')]));
    // Booked, not waiting: nobody tells this lifecycle of freed time any more.
    expect(await mongo.collection('availability_waits').countDocuments({ _id: interviewId as never })).toBe(0);
    await new Promise((done) => setTimeout(done, 3_000));
    expect(await messagesAbout(interviewId, 'confirmation')).toHaveLength(1);
  });

  it('with HR’s “offer”: holds the fitting time and offers it; one let go is not offered again, and the one taken is booked once', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(6);
    const member = await awayOn('Offer Member', away);
    const { interviewId, token } = await invite('offer', member.id, 'offer');
    await portal.api.mutation('candidate.submitAvailability', { token, windows: [{ start: local(away + 10 * 3_600_000), end: local(away + 13 * 3_600_000) }], timezone: 'UTC' });
    await hr.mutation('hr.interviewers.upsert', { ...member.doc, timeOff: [] });

    const heldFor = (page: CandidatePage) => (page.hold?.purpose === 'window' ? page.hold : undefined);
    const first = await eventually(async () => heldFor(await viewOf(token)), 30_000, 'the offered time');
    expect(first.start).toBe(iso(away + 10 * 3_600_000));
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());
    // Offered, not booked: still an invitation, the time held for this candidate only, and HR's list finds it.
    expect((await viewOf(token)).status).toBe('INVITED');
    const listed = await hr.query<{ items: { interviewId: string }[] }>('hr.interviews.list', { waiting: 'hold', pageSize: 100 });
    expect(listed.items.map((i) => i.interviewId)).toContain(interviewId);
    const [offer] = await eventually(async () => {
      const found = await messagesAbout(interviewId, 'hold_offer');
      return found.length === 1 ? found : undefined;
    }, 30_000, 'the offer by email');
    expect(offer?.Subject).toContain('A time inside your windows is held for you');

    // Let go: the next fitting time is offered at once; the first is not offered again.
    const declined = await rest<CandidatePage>('post', `/candidate/holds/${first.id}/decline`, { bearer: token });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const second = await eventually(async () => {
      const hold = heldFor(await viewOf(token));
      return hold && hold.id !== first.id ? hold : undefined;
    }, 30_000, 'the next offered time');
    expect(Date.parse(second.start)).toBeGreaterThan(Date.parse(first.start));

    const taken = await rest<CandidatePage>('post', `/candidate/holds/${second.id}/accept`, { bearer: token });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ status: 'SCHEDULED', slot: { start: second.start }, hold: null });
    await eventually(async () => ((await messagesAbout(interviewId, 'confirmation')).length === 1 ? true : undefined), 30_000, 'the confirmation');
    expect(await messagesAbout(interviewId, 'hold_offer')).toHaveLength(2);
    // The hold is answered: a second accept finds nothing to take.
    expect((await rest<ProblemAnswer>('post', `/candidate/holds/${second.id}/accept`, { bearer: token })).status).toBe(404);
  });

  it('with HR’s “offer”: a candidate who books another time from the list ends the offer, and the time held for them is free again', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(7);
    const member = await awayOn('Offer Elsewhere', away);
    const { interviewId, token } = await invite('elsewhere', member.id, 'offer');
    await portal.api.mutation('candidate.submitAvailability', { token, windows: [{ start: local(away + 10 * 3_600_000), end: local(away + 12 * 3_600_000) }], timezone: 'UTC' });
    await hr.mutation('hr.interviewers.upsert', { ...member.doc, timeOff: [] });
    const held = await eventually(async () => {
      const hold = (await viewOf(token)).hold;
      return hold?.purpose === 'window' ? hold : undefined;
    }, 30_000, 'the offered time');

    // Another time on the list, the day before: booked; the offer is over and its time is back on the list.
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    expect(slots.map((slot) => slot.start)).not.toContain(held.start);
    const other = slots.find((slot) => Date.parse(slot.start) < away);
    if (!other) throw new Error('no time before the away day');
    const booked = await portal.api.mutation<CandidatePage>('candidate.book', { token, start: other.start });
    expect(booked).toMatchObject({ status: 'SCHEDULED', slot: { start: other.start } });
    await eventually(async () => ((await viewOf(token)).hold === null ? true : undefined), 30_000, 'the offer ended');
    const outsider = await invite('elsewhere-next', member.id);
    await eventually(async () => {
      const listed = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: outsider.token });
      return listed.slots.some((slot) => slot.start === held.start) ? true : undefined;
    }, 30_000, 'the held time free again');
    const detail = await hr.query<{ hold: unknown }>('hr.interviews.get', { interviewId });
    expect(detail.hold).toBeNull();
  });

  it('tells HR once when nothing fits in time, with the windows and the free times nearest them', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(4);
    const member = await awayOn('Unmatched Member', away);
    const { interviewId, token } = await invite('unmatched', member.id);
    await portal.api.mutation('candidate.submitAvailability', {
      token,
      windows: [{ start: local(away + 9 * 3_600_000), end: local(away + 11 * 3_600_000) }],
      timezone: 'UTC',
    });
    const [told] = await eventually(async () => {
      const found = await messagesAbout(interviewId, 'availability_unmatched');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'HR’s notice');
    expect(told?.Subject).toContain('No time fits yet');
    expect(told?.TextBody).toContain('The free times nearest to them');
    // Later changes in the pool search again: still one notice, still unbooked.
    await hr.mutation('hr.interviewers.upsert', { ...member.doc, maxPerDay: 23 });
    await new Promise((done) => setTimeout(done, 15_000));
    expect(await messagesAbout(interviewId, 'availability_unmatched')).toHaveLength(1);
    expect((await portal.api.query<CandidatePage>('candidate.view', { token })).status).toBe('INVITED');
  });

  it('over REST: sends windows, shows them to the candidate and to HR’s key; a window too short or past is refused on its field and changes nothing', { timeout: 90_000 }, async ({ expect }) => {
    const away = dayAhead(5);
    const member = await awayOn('Rest Member', away);
    const { interviewId, token } = await invite('rest', member.id);
    const bearer = { bearer: token };

    const short = await rest<ProblemAnswer>('post', '/candidate/availability', {
      ...bearer,
      body: { windows: [{ start: local(away + 9 * 3_600_000), end: local(away + 9 * 3_600_000 + 20 * 60_000) }], timezone: 'UTC' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'windows.0' });
    const past = await rest<ProblemAnswer>('post', '/candidate/availability', {
      ...bearer,
      body: { windows: [{ start: local(Date.now() - 3 * 3_600_000), end: local(Date.now() - 3_600_000) }], timezone: 'UTC' },
    });
    expect(past.status).toBe(400);
    const none = await rest<ProblemAnswer>('post', '/candidate/availability', { ...bearer, body: { windows: [], timezone: 'UTC' } });
    expect(none.status).toBe(400);
    expect((await rest<CandidatePage>('get', '/candidate/interview', bearer)).body.availability).toBeNull();

    // Written in Berlin's time: 10:00–12:00 there, stored in UTC.
    const sent = await rest<CandidatePage>('post', '/candidate/availability', {
      ...bearer,
      body: { windows: [{ start: local(away + 10 * 3_600_000), end: local(away + 12 * 3_600_000) }], timezone: 'Europe/Berlin' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const offset = berlinOffsetMs(away);
    expect(sent.body.availability?.windows).toEqual([{ start: iso(away + 10 * 3_600_000 - offset), end: iso(away + 12 * 3_600_000 - offset) }]);
    expect((await rest<CandidatePage>('get', '/candidate/interview', bearer)).body.availability?.timezone).toBe('Europe/Berlin');

    // A loop takes no windows, so an invitation of one may not say what to do with a time in them.
    const { key: writer } = await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `availability writer ${run}`, scopes: ['read', 'write'] });
    const loopWithAction = await rest<ProblemAnswer>('post', '/invitations', {
      bearer: writer,
      body: {
        candidate: { name: 'Avail Loop', email: `availability.loop.${run}@example.test` },
        position: 'Backend Engineer',
        sessions: [{ kind: 'screening', interviewerIds: [member.id] }, { kind: 'technical', interviewerIds: [member.id] }],
        availabilityAction: 'offer',
      },
    });
    expect(loopWithAction.status).toBe(400);
    expect(loopWithAction.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'availabilityAction' });

    const { key } = await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `availability ${run}`, scopes: ['read'] });
    const record = await rest<{ availability: CandidatePage['availability'] }>('get', `/interviews/${interviewId}`, { bearer: key });
    expect(record.status).toBe(200);
    expect(record.body.availability?.windows).toHaveLength(1);
  });
});

/** Berlin's offset from UTC on that day (winter +1 h, summer +2 h). */
function berlinOffsetMs(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }).formatToParts(new Date(ms));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+1';
  return Number(name.replace('GMT', '') || '0') * 3_600_000;
}
