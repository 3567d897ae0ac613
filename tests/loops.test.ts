import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { testTemporalAddress } from '@portal/devstack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, explainedWait, linkToken, signInAsAdmin, sinkMessages, type SinkMessage } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { loopWorkflowId } from '@portal/shared/loops';
import { createRestClient, type RestClient } from './support/rest-client';
import { portalTemporalClient } from './support/temporal-client';
import { recordHistory } from './support/record-history';

interface Itinerary {
  itineraryId: string;
  end: string;
  sessions: { title: string; start: string; end: string; panelSize: number }[];
}
interface Itineraries {
  day: string | null;
  days: string[];
  itineraries: Itinerary[];
}
interface LoopView {
  loopId: string;
  status: string;
  sessions: { interviewId: string; title: string; status: string; slot: { start: string; end: string } | null }[];
}

let portal: PortalUnderTest;
let rest: RestClient;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let apiKey: string;
let connection: mongoose.Connection;
const run = Date.now();
const DAY_MS = 86_400_000;
const tomorrow = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  // The run's common portal (its settings are SHARED_SETTINGS): the loops, interviewers, candidates
  // and API key here are this file's own, and it reads nothing but theirs.
  portal = await sharedPortal();
  rest = createRestClient(portal.bookingUrl);
  hr = await signInAsAdmin(portal.api);
  apiKey = (await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `Loops ATS ${run}`, scopes: ['read', 'write'] })).key;
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
}, 240_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

const interviewer = async (name: string) => (await alwaysAvailableInterviewer(hr, `${name} ${run}`)).id;
const session = (interviewerIds: string[], title: string, panelSize = 1) => ({ title, kind: 'technical', durationMinutes: 30, interviewerIds, panelSize });

async function invitationToken(email: string, interviewId: string): Promise<string> {
  const invitation = await eventually(
    async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === interviewId && m.Tag === 'invitation'),
    ASYNC_WAIT_MS,
    `invitation to ${email}`,
  ).catch(explainedWait([interviewId], 'invitation'));
  return linkToken(invitation);
}

async function inviteLoop(email: string, sessions: unknown[], rules: Record<string, unknown> = {}) {
  const invited = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
    candidateName: 'Loop Candidate',
    candidateEmail: email,
    candidateTimezone: 'UTC',
    position: `Staff Engineer ${run}`,
    sessions,
    rules,
  });
  const [first] = invited.interviewIds;
  if (first === undefined) throw new Error('no sessions');
  return { ...invited, token: await invitationToken(email, first) };
}

/** Every message to `to` of a kind, once the count has reached `count` and stayed there a moment (exactly once). */
async function settled(to: string, tag: string, count: number, sessions: string[]): Promise<SinkMessage[]> {
  const mine = async () => (await sinkMessages(portal.sinkUrl, { to })).filter((m) => m.Tag === tag);
  await eventually(async () => ((await mine()).length >= count ? true : undefined), ASYNC_WAIT_MS, `${count} ${tag} to ${to}`).catch(explainedWait(sessions, tag));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return mine();
}

const icsOf = (message: SinkMessage) =>
  message.Attachments.filter((a) => a.Name.endsWith('.ics')).map((a) => Buffer.from(a.Content, 'base64').toString('utf8'));
const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]?.trim());

async function claimsOf(interviewIds: string[]): Promise<number> {
  const counts = await Promise.all(
    ['slot_claims', 'day_claims', 'week_seats'].flatMap((name) => interviewIds.map((interviewId) => connection.collection(name).countDocuments({ interviewId }))),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe('interview loops', () => {
  it('books a four-session same-day loop with two panels of two all at once, each email and .ics event once', { timeout: 120_000 }, async () => {
    const [a, b1, b2, c1, c2, d] = await Promise.all(['Screen', 'PanelB1', 'PanelB2', 'PanelC1', 'PanelC2', 'Manager'].map(interviewer));
    const email = `loop.four.${run}@example.test`;
    const loop = await inviteLoop(email, [
      session([a as string], 'Screening'),
      session([b1 as string, b2 as string], 'System design', 2),
      session([c1 as string, c2 as string], 'Coding', 2),
      session([d as string], 'Hiring manager'),
    ]);
    const listed = await portal.api.query<Itineraries>('candidate.itineraries', { token: loop.token, day: tomorrow });
    expect(listed.day).toBe(tomorrow);
    const [best] = listed.itineraries;
    if (!best) throw new Error('no itinerary');
    // Earliest finish first: back to back from midnight, every session with its panel size.
    const midnight = Date.parse(`${tomorrow}T00:00:00Z`);
    expect(best.sessions.map((s) => Date.parse(s.start) - midnight)).toEqual([0, 30, 60, 90].map((m) => m * 60_000));
    expect(best.sessions.map((s) => s.panelSize)).toEqual([1, 2, 2, 1]);

    // One session alone cannot be booked from the loop's link.
    const alone = await portal.api.mutation('candidate.book', { token: loop.token, start: best.sessions[0]?.start }).catch((e: unknown) => e);
    expect(alone instanceof ApiError && alone.domainCode).toBe('BAD_INPUT');

    const booked = await portal.api.mutation<LoopView>('candidate.bookItinerary', { token: loop.token, itineraryId: best.itineraryId });
    expect(booked.status).toBe('BOOKED');
    expect(booked.sessions.map((s) => s.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'SCHEDULED']);
    expect(booked.sessions.map((s) => s.slot?.start)).toEqual(best.sessions.map((s) => s.start));

    const confirmations = await settled(email, 'confirmation', 4, loop.interviewIds);
    expect(confirmations).toHaveLength(4);
    expect((await sinkMessages(portal.sinkUrl, { to: email })).filter((m) => m.Tag === 'invitation')).toHaveLength(1);
    const events = confirmations.flatMap(icsOf);
    expect(events).toHaveLength(4);
    for (const ics of events) expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(new Set(events.flatMap(uids)).size).toBe(4);
    for (const name of ['Screen', 'PanelB1', 'PanelB2', 'PanelC1', 'PanelC2', 'Manager']) {
      const to = `${name.toLowerCase()}.${run}@example.test`;
      const invites = await settled(to, 'interviewer_invitation', 1, loop.interviewIds);
      expect(invites, to).toHaveLength(1);
      expect(invites.flatMap(icsOf).map((ics) => ics.match(/BEGIN:VEVENT/g)?.length)).toEqual([1]);
    }
    // The loop's workflow page says which sessions are booked, links each session's, and what it waits for.
    const temporal = await Connection.connect({ address: testTemporalAddress() });
    try {
      const metadata = await portalTemporalClient(temporal).workflow.getHandle(`loop-${loop.loopId}`).query<{ currentDetails?: string }>('__temporal_workflow_metadata');
      expect(metadata.currentDetails).toContain('**Loop:** BOOKED');
      for (const id of loop.interviewIds) expect(metadata.currentDetails).toContain(`/workflows/interview-${id}`);
      expect(metadata.currentDetails).toContain('Hiring manager');
      expect(metadata.currentDetails).toContain('**Waiting for:** the sessions to take place');
    } finally {
      await temporal.close();
    }
    // Each session holds its own claim; nothing else was left behind.
    const claimIds = await connection.collection('day_claims').distinct('claimId', { interviewerId: b1 });
    expect(claimIds).toHaveLength(1);
    const [firstSession, panelSession] = loop.interviewIds;
    await recordHistory(firstSession ?? '', 'loop-claimed-at-once', `loop-${loop.loopId}`);
    await recordHistory(panelSession ?? '', 'loop-session-booked');
  });

  it('two candidates racing for one interviewer: one loop is booked, the other is told which session and gets fresh itineraries, no claim left', { timeout: 120_000 }, async () => {
    const [shared, x, y] = await Promise.all(['Shared', 'OnlyX', 'OnlyY'].map(interviewer));
    const first = await inviteLoop(`loop.race.x.${run}@example.test`, [session([shared as string], 'Pairing'), session([x as string], 'Team fit')]);
    const second = await inviteLoop(`loop.race.y.${run}@example.test`, [session([shared as string], 'Pairing'), session([y as string], 'Team fit')]);
    const lists = await Promise.all(
      [first, second].map((l) => rest<Itineraries>('get', `/candidate/itineraries?day=${tomorrow}`, { bearer: l.token })),
    );
    const picks = lists.map((l) => l.body.itineraries[0]);
    expect(picks[0]?.sessions[0]?.start).toBe(picks[1]?.sessions[0]?.start);
    const answers = await Promise.all(
      [first, second].map((l, i) => rest<{ status?: string; error?: { code: string; taken?: { session: number; title: string; itineraries: Itinerary[] } } }>('post', '/candidate/booking', { bearer: l.token, body: { itineraryId: picks[i]?.itineraryId } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const loserIndex = answers.findIndex((a) => a.status === 409);
    const loser = [first, second][loserIndex];
    const refusal = answers[loserIndex]?.body.error;
    if (!loser || !refusal?.taken) throw new Error(`no refusal naming the session: ${JSON.stringify(answers.map((a) => a.body))}`);
    expect(refusal.code).toBe('SLOT_TAKEN');
    expect(refusal.taken).toMatchObject({ session: 0, title: 'Pairing' });
    const takenAt = picks[loserIndex]?.sessions[0]?.start;
    expect(refusal.taken.itineraries.length).toBeGreaterThan(0);
    expect(refusal.taken.itineraries.map((i) => i.sessions[0]?.start)).not.toContain(takenAt);
    // The loser's claims (the session it did win a moment, too) are all gone.
    expect(await claimsOf(loser.interviewIds)).toBe(0);
    const loopAfter = await rest<LoopView>('get', '/candidate/loop', { bearer: loser.token });
    expect(loopAfter.body.status).toBe('INVITED');
    // A fresh itinerary books.
    const again = await rest<LoopView>('post', '/candidate/booking', { bearer: loser.token, body: { itineraryId: refusal.taken.itineraries[0]?.itineraryId } });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.status).toBe('BOOKED');
  });

  it('a two-day loop invited over REST is laid over two days; one session moves alone; cancelling it cancels every session', { timeout: 120_000 }, async () => {
    const [a, b, c] = await Promise.all(['DayOne', 'DayOneB', 'DayTwo'].map(interviewer));
    const email = `loop.two.days.${run}@example.test`;
    const invited = await rest<{ interviewId: string; loopId: string; interviewIds: string[]; candidateUrl: string }>('post', '/invitations', {
      bearer: apiKey,
      body: {
        candidate: { name: 'Two Days', email, timezone: 'UTC' },
        position: `Onsite ${run}`,
        sessions: [session([a as string], 'Architecture'), session([b as string], 'Coding'), session([c as string], 'Values')],
        loop: { days: 2, maxSessionsPerDay: 2, minBreakMinutes: 0, maxBreakMinutes: 0 },
      },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.interviewIds).toHaveLength(3);
    const token = invited.body.candidateUrl.slice(invited.body.candidateUrl.lastIndexOf('/') + 1);
    const listed = await rest<Itineraries>('get', `/candidate/itineraries?day=${tomorrow}`, { bearer: token });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const [best] = listed.body.itineraries;
    if (!best) throw new Error('no itinerary');
    expect(best.sessions.map((s) => s.start.slice(0, 10))).toEqual([tomorrow, tomorrow, new Date(Date.parse(tomorrow) + DAY_MS).toISOString().slice(0, 10)]);
    const booked = await rest<LoopView>('post', '/candidate/booking', { bearer: token, body: { itineraryId: best.itineraryId } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.sessions.map((s) => s.slot?.start)).toEqual(best.sessions.map((s) => s.start));

    // Move the second day's session; the first day's stay, and only the moved session's people hear of it.
    const [first, second, third] = invited.body.interviewIds;
    const times = await rest<{ times: { start: string }[] }>('get', `/candidate/session-times?sessionId=${third}`, { bearer: token });
    expect(times.status, JSON.stringify(times.body)).toBe(200);
    const target = times.body.times.find((t) => t.start.slice(0, 10) === best.sessions[2]?.start.slice(0, 10) && t.start !== best.sessions[2]?.start);
    if (!target) throw new Error('no time to move to');
    // A time that breaks the loop's rules (the first day, with no break allowed there) is refused.
    const outOfRules = await rest<{ error: { code: string } }>('patch', '/candidate/booking', { bearer: token, body: { sessionId: second, start: target.start } });
    expect(outOfRules.body.error.code).toBe('SLOT_UNAVAILABLE');
    const moved = await rest<LoopView>('patch', '/candidate/booking', { bearer: token, body: { sessionId: third, start: target.start } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.sessions.map((s) => s.slot?.start)).toEqual([best.sessions[0]?.start, best.sessions[1]?.start, target.start]);
    expect(await settled(email, 'rescheduled', 1, invited.body.interviewIds)).toHaveLength(1);
    expect((await sinkMessages(portal.sinkUrl, { to: email })).filter((m) => m.Tag === 'rescheduled').map((m) => m.Metadata.interviewId)).toEqual([third]);
    expect(await settled(`daytwo.${run}@example.test`, 'interviewer_update', 1, invited.body.interviewIds)).toHaveLength(1);
    for (const name of ['DayOne', 'DayOneB']) {
      const others = (await sinkMessages(portal.sinkUrl, { to: `${name.toLowerCase()}.${run}@example.test` })).map((m) => m.Tag);
      expect(others, name).toEqual(['interviewer_invitation']);
    }
    expect(first).toBeDefined();

    const cancelled = await rest('delete', '/candidate/booking', { bearer: token, body: { reason: 'Accepted another offer' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const loop = await rest<LoopView>('get', '/candidate/loop', { bearer: token });
    expect(loop.body.status).toBe('CANCELLED');
    expect(loop.body.sessions.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(await claimsOf(invited.body.interviewIds)).toBe(0);
    expect(await settled(email, 'cancelled', 3, invited.body.interviewIds)).toHaveLength(3);
  });
  it('a loop’s candidate erased: every session ends, the loop’s own history is sealed under the destroyed key, its record names nobody', { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all(['EraseA', 'EraseB'].map(interviewer));
    const email = `loop.erased.${run}@example.test`;
    const invited = await inviteLoop(email, [session([a as string], 'Coding'), session([b as string], 'Design')]);
    const stored = await connection.collection<{ _id: string; candidateKeyId?: string | null }>('loops').findOne({ _id: invited.loopId });
    expect(stored?.candidateKeyId).toMatch(/^ck_/);

    const erased = await rest<{ status: string; interviewIds: string[] }>('post', '/candidates/erasure', { bearer: apiKey, body: { email, notify: false } });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(new Set(erased.body.interviewIds)).toEqual(new Set(invited.interviewIds));

    const temporal = await Connection.connect({ address: testTemporalAddress() });
    try {
      const handle = portalTemporalClient(temporal).workflow.getHandle(loopWorkflowId(invited.loopId));
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      const [started] = (await handle.fetchHistory()).events ?? [];
      const input = started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      expect(Buffer.from(input?.metadata?.['encryption-key-id'] ?? []).toString()).toBe(stored?.candidateKeyId);
      await expect(handle.result()).rejects.toThrow(/key destroyed/);
    } finally {
      await temporal.close();
    }
    const after = await connection.collection<{ _id: string; sessions: unknown[] }>('loops').findOne({ _id: invited.loopId });
    expect(JSON.stringify(after)).not.toContain(email);
    expect(after?.sessions).toHaveLength(2);
  });

  it('HR moves session 2 of a booked loop within its rules: one update to the candidate for that session only, the others and their panels untouched; a time breaking the rules changes nothing', { timeout: 120_000 }, async () => {
    const [x, y, z] = await Promise.all(['HrMoveOne', 'HrMoveTwo', 'HrMoveThree'].map(interviewer));
    const email = `loop.hr.move.${run}@example.test`;
    const loop = await inviteLoop(email, [session([x as string], 'Screening'), session([y as string], 'Design'), session([z as string], 'Values')], {
      order: 'free',
      minBreakMinutes: 0,
      maxBreakMinutes: 30,
    });
    const listed = await portal.api.query<Itineraries>('candidate.itineraries', { token: loop.token, day: tomorrow });
    const [best] = listed.itineraries;
    if (!best) throw new Error('no itinerary');
    await portal.api.mutation<LoopView>('candidate.bookItinerary', { token: loop.token, itineraryId: best.itineraryId });
    await settled(email, 'confirmation', 3, loop.interviewIds);
    const [, second] = loop.interviewIds;
    const before = best.sessions.map((s) => s.start);

    // Every time offered keeps the others where they are and the loop's rules (same day, breaks of at most 30 minutes).
    const { times } = await hr.query<{ times: { start: string }[] }>('hr.loops.moveTimes', { loopId: loop.loopId, sessionId: second });
    expect(times.length).toBeGreaterThan(0);
    expect(times.map((t) => t.start)).not.toContain(before[1]);
    for (const t of times) expect(t.start.slice(0, 10)).toBe(tomorrow);
    const [target] = times;
    if (!target) throw new Error('no time to move to');

    // The next day breaks "one day": refused by name, nothing moved, nobody told.
    const nextDay = new Date(Date.parse(before[1] ?? '') + DAY_MS).toISOString();
    const refused = await hr.mutation('hr.loops.moveSession', { loopId: loop.loopId, sessionId: second, start: nextDay, reason: 'Panel asked' }).catch((e: unknown) => e);
    expect(refused instanceof ApiError && refused.domainCode).toBe('SLOT_UNAVAILABLE');
    const unchanged = await hr.query<{ itinerary: { slot: { start: string } | null }[] }>('hr.loops.get', { loopId: loop.loopId });
    expect(unchanged.itinerary.map((s) => s.slot?.start)).toEqual(before);

    await hr.mutation('hr.loops.moveSession', { loopId: loop.loopId, sessionId: second, start: target.start, reason: 'The design panel asked for later' });
    const after = await hr.query<{ itinerary: { slot: { start: string } | null }[] }>('hr.loops.get', { loopId: loop.loopId });
    expect(after.itinerary.map((s) => s.slot?.start)).toEqual([before[0], target.start, before[2]]);

    // One update to the candidate, for that session, with one .ics event under that session's UID (the one its confirmation had).
    const updates = await settled(email, 'rescheduled', 1, loop.interviewIds);
    expect(updates.map((m) => m.Metadata.interviewId)).toEqual([second]);
    const [ics] = updates.flatMap(icsOf);
    expect(ics?.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const confirmationOfSecond = (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Tag === 'confirmation' && m.Metadata.interviewId === second);
    if (!confirmationOfSecond) throw new Error('no confirmation for session 2');
    expect(uids(ics ?? '')).toEqual(uids(icsOf(confirmationOfSecond)[0] ?? ''));
    expect(await settled(`hrmovetwo.${run}@example.test`, 'interviewer_update', 1, loop.interviewIds)).toHaveLength(1);
    for (const name of ['HrMoveOne', 'HrMoveThree']) {
      const others = (await sinkMessages(portal.sinkUrl, { to: `${name.toLowerCase()}.${run}@example.test` })).map((m) => m.Tag);
      expect(others, name).toEqual(['interviewer_invitation']);
    }
    // As for a single interview, HR's move spends none of the candidate's allowance, and the timeline names HR with the reason.
    const moved = await connection.collection<{ _id: string; rescheduleCount: number }>('interviews').findOne({ _id: second ?? '' });
    expect(moved?.rescheduleCount).toBe(0);
    const detail = await hr.query<{ events: { type: string; actor: string; detail: string }[] }>('hr.interviews.get', { interviewId: second });
    expect(detail.events.find((e) => e.type === 'RESCHEDULE')).toMatchObject({ actor: expect.stringContaining('@'), detail: expect.stringContaining('The design panel asked for later') });
  });
});

