import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, editableInterviewer, eventually, explainedWait, linkToken, signInAsAdmin, sinkMessages } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';

const run = Date.now();
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

interface CandidatePage {
  status: string;
  availability: { windows: { start: string; end: string }[]; timezone: string; note: string | null; submittedAt: string } | null;
}
interface LoopView {
  status: string;
  sessions: { interviewId: string; status: string; slot: { start: string; end: string } | null }[];
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let rest: RestClient;
let apiKey: string;
let mongo: mongoose.Connection;

// The run's common shared portal: HR hears after 15 s there when nothing fits; the periodic search
// stays at 15 minutes, longer than any test, so a booking here comes from the word of a change in a
// session's pool. This file reads only its own interviewers, loops and interviews.
beforeAll(async () => {
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
  rest = createRestClient(portal.bookingUrl);
  apiKey = (await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `Loop windows ${run}`, scopes: ['read', 'write'] })).key;
  mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
}, 240_000);

afterAll(async () => {
  await mongo?.close();
  await portal?.stop();
});

const dayAhead = (days: number) => Math.floor(Date.now() / DAY) * DAY + days * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number) => iso(ms).slice(0, 16);

/** An interviewer free all week but away on `awayDay` (a whole UTC day), and the form to take it back. */
async function awayOn(name: string, awayDay: number) {
  const { id } = await alwaysAvailableInterviewer(hr, `${name} ${run}`);
  const listed = await hr.query<Record<string, unknown>[]>('hr.interviewers.list');
  const doc = { ...editableInterviewer(listed.find((i) => i['id'] === id) ?? {}), id };
  await hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: [{ start: iso(awayDay), end: iso(awayDay + DAY) }] });
  return { id, back: () => hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: [] }) };
}

async function inviteLoop(label: string, interviewerIds: string[]) {
  const email = `loop.windows.${label}.${run}@example.test`;
  const invited = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
    candidateName: 'Loop Windows',
    candidateEmail: email,
    candidateTimezone: 'UTC',
    position: `Staff Engineer ${run}`,
    sessions: interviewerIds.map((id, i) => ({ title: `Session ${i + 1}`, kind: 'technical', durationMinutes: 30, interviewerIds: [id], panelSize: 1 })),
    rules: {},
  });
  const [first] = invited.interviewIds;
  if (first === undefined) throw new Error('no sessions');
  const invitation = await eventually(
    async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === first && m.Tag === 'invitation'),
    ASYNC_WAIT_MS,
    `invitation to ${email}`,
  ).catch(explainedWait(invited.interviewIds, 'invitation'));
  return { ...invited, email, token: linkToken(invitation) };
}

const messagesOf = async (interviewIds: string[], kind: string) =>
  (await sinkMessages(portal.sinkUrl, {})).filter((m) => interviewIds.includes(m.Metadata.interviewId ?? '') && m.Metadata.kind === kind);

describe.concurrent('a loop when none of its itineraries work', () => {
  it('keeps the windows on every session, then books a whole itinerary inside them once both panels are free again, each confirmation once', { timeout: 150_000 }, async ({ expect }) => {
    const away = dayAhead(3);
    const [first, second] = await Promise.all([awayOn('Loop Windows A', away), awayOn('Loop Windows B', away)]);
    const loop = await inviteLoop('books', [first.id, second.id]);
    const window = { start: local(away + 10 * HOUR), end: local(away + 12 * HOUR) };

    const sent = await rest<CandidatePage>('post', '/candidate/availability', { bearer: loop.token, body: { windows: [window], timezone: 'UTC', note: 'Mornings only' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'INVITED', availability: { windows: [{ start: iso(away + 10 * HOUR), end: iso(away + 12 * HOUR) }], note: 'Mornings only' } });
    // Every session shows them to HR's key, and each waits on its loop.
    for (const interviewId of loop.interviewIds) {
      const detail = await rest<{ availability: { windows: unknown[] } | null }>('get', `/interviews/${interviewId}`, { bearer: apiKey });
      expect(detail.body.availability?.windows).toHaveLength(1);
    }
    expect(await mongo.collection('availability_waits').countDocuments({ loopId: loop.loopId })).toBe(2);

    // One panel back is not an itinerary: still unbooked.
    await first.back();
    await new Promise((done) => setTimeout(done, 6_000));
    expect((await portal.api.query<CandidatePage>('candidate.view', { token: loop.token })).status).toBe('INVITED');

    // Both back: the loop hears of it and books both sessions inside the window.
    await second.back();
    const booked = await eventually(async () => {
      const view = await portal.api.query<LoopView>('candidate.loop', { token: loop.token });
      return view.sessions.every((s) => s.status === 'SCHEDULED') ? view : undefined;
    }, 60_000, 'the loop booked inside the window');
    for (const session of booked.sessions) {
      expect(Date.parse(session.slot?.start ?? '')).toBeGreaterThanOrEqual(away + 10 * HOUR);
      expect(Date.parse(session.slot?.end ?? '')).toBeLessThanOrEqual(away + 12 * HOUR);
    }
    await eventually(async () => ((await messagesOf(loop.interviewIds, 'confirmation')).length >= 2 ? true : undefined), ASYNC_WAIT_MS, 'the confirmations');
    const [firstSession] = loop.interviewIds;
    const timeline = await hr.query<{ events: { actor: string; detail: string }[] }>('hr.interviews.get', { interviewId: firstSession });
    expect(timeline.events).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'system', detail: expect.stringContaining('inside the times the candidate could come') })]));
    expect(await mongo.collection('availability_waits').countDocuments({ loopId: loop.loopId })).toBe(0);

    // Booked: more windows are refused and change nothing; each confirmation stayed single.
    const again = await rest<ProblemAnswer>('post', '/candidate/availability', { bearer: loop.token, body: { windows: [window], timezone: 'UTC' } });
    expect(again.status).toBe(409);
    await new Promise((done) => setTimeout(done, 3_000));
    expect(await messagesOf(loop.interviewIds, 'confirmation')).toHaveLength(2);
  });

  it('tells HR once, through the first session, with the itineraries nearest the windows, when nothing fits in time', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(4);
    const [first, second] = await Promise.all([awayOn('Loop Unmatched A', away), awayOn('Loop Unmatched B', away)]);
    const loop = await inviteLoop('unmatched', [first.id, second.id]);
    const page = await portal.api.mutation<CandidatePage>('candidate.submitAvailability', {
      token: loop.token,
      windows: [{ start: local(away + 9 * HOUR), end: local(away + 17 * HOUR) }],
      timezone: 'UTC',
    });
    expect(page.availability?.windows).toHaveLength(1);
    const [told] = await eventually(async () => {
      const found = await messagesOf(loop.interviewIds, 'availability_unmatched');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'HR’s notice');
    expect(told?.Metadata.interviewId).toBe(loop.interviewIds[0]);
    expect(told?.Subject).toContain('No time fits yet');
    expect(told?.TextBody).toContain('The free times nearest to them');
    // A later change in a pool searches again: still one notice, still unbooked.
    await first.back();
    await new Promise((done) => setTimeout(done, 8_000));
    expect(await messagesOf(loop.interviewIds, 'availability_unmatched')).toHaveLength(1);
    expect((await portal.api.query<CandidatePage>('candidate.view', { token: loop.token })).status).toBe('INVITED');
  });
});
