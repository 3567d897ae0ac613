import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itineraryId } from '@portal/shared/loops';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, explainedWait, linkToken, signInAsAdmin, sinkMessages } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type RestClient } from './support/rest-client';
import { sharedPortal } from './support/shared-portal';

interface Refusal {
  code: string;
  message: string;
  taken?: { session: number; title: string; reason?: string };
}
interface Racer {
  email: string;
  token: string;
  interviewIds: string[];
}

const RACES = 30;
const HOUR = 3_600_000;
const DAY_MS = 86_400_000;
const run = Date.now();
let portal: PortalUnderTest;
let rest: RestClient;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let connection: mongoose.Connection;

beforeAll(async () => {
  // The run's common portal: the interviewers and candidates here are this file's own, and it reads only theirs.
  portal = await sharedPortal();
  rest = createRestClient(portal.bookingUrl);
  hr = await signInAsAdmin(portal.api);
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
}, 240_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

async function inviteLoop(email: string, sessions: unknown[]): Promise<Racer> {
  const invited = await hr.mutation<{ interviewIds: string[] }>('hr.loops.invite', {
    candidateName: 'Racing Candidate',
    candidateEmail: email,
    candidateTimezone: 'UTC',
    position: `Loop race ${run}`,
    sessions,
    // Back to back, in either order: the same two times make one itinerary of either loop.
    rules: { order: 'free', minBreakMinutes: 0, maxBreakMinutes: 0 },
  });
  const [first] = invited.interviewIds;
  if (first === undefined) throw new Error('no sessions');
  const invitation = await eventually(
    async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === first && m.Tag === 'invitation'),
    ASYNC_WAIT_MS,
    `invitation to ${email}`,
  ).catch(explainedWait([first], 'invitation'));
  return { email, token: linkToken(invitation), interviewIds: invited.interviewIds };
}

/** Every claim document (cells, day seats, week seats) the racer's sessions hold. */
async function claimsOf(interviewIds: string[]): Promise<number> {
  const counts = await Promise.all(
    ['slot_claims', 'day_claims', 'week_seats'].flatMap((name) => interviewIds.map((interviewId) => connection.collection(name).countDocuments({ interviewId }))),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe('candidates racing for one loop itinerary', () => {
  it(`${RACES} races of two candidates for one itinerary over HTTP: exactly one books it each time, the other is told another booking took the session it met first`, { timeout: 600_000 }, async () => {
    // Each session has one interviewer of its own: an itinerary can be booked by one candidate only.
    const [x, y] = await Promise.all(['Loop Race Pairing', 'Loop Race Fit'].map(async (name) => (await alwaysAvailableInterviewer(hr, `${name} ${run}`)).id));
    const pairing = { title: 'Pairing', kind: 'technical', durationMinutes: 30, interviewerIds: [x], panelSize: 1 };
    const fit = { title: 'Team fit', kind: 'technical', durationMinutes: 30, interviewerIds: [y], panelSize: 1 };
    // Every race has a loop listing Pairing first; its rival lists Team fit first in the odd races
    // (two positions' templates sharing both interviewers), Pairing first in the even ones (one template).
    const pairs = Array.from({ length: RACES }, (_, race) => [
      { email: `loop.racer.${run}.${race}.a@example.test`, sessions: [pairing, fit] },
      { email: `loop.racer.${run}.${race}.b@example.test`, sessions: race % 2 === 1 ? [fit, pairing] : [pairing, fit] },
    ]);
    const invites = pairs.flat();
    const racers: Racer[] = [];
    for (let from = 0; from < invites.length; from += 10) racers.push(...(await Promise.all(invites.slice(from, from + 10).map((i) => inviteLoop(i.email, i.sessions)))));
    // Fifteen itineraries a day (an interviewer takes 24 a day), tomorrow and the day after, an hour apart:
    // Pairing at the hour, Team fit half an hour later.
    const tomorrow = Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
    const pairingAt = (race: number) => tomorrow + Math.floor(race / 15) * DAY_MS + (race % 15) * HOUR;

    // The thirty races run at once, as a burst of bookings would: each pair's two requests are sent together.
    const races = await Promise.all(
      pairs.map(async (pair, race) => {
        const at = pairingAt(race);
        const entrants = pair.map((entry, i) => ({ racer: racers[race * 2 + i], firstIsPairing: entry.sessions[0] === pairing }));
        const answers = await Promise.all(
          entrants.map(({ racer, firstIsPairing }) => {
            // The itinerary in the loop's own order of sessions: the same two times either way.
            const itinerary = itineraryId(firstIsPairing ? [at, at + 30 * 60_000] : [at + 30 * 60_000, at]);
            return rest<{ status?: string; error?: Refusal }>('post', '/candidate/booking', { bearer: racer?.token ?? '', body: { itineraryId: itinerary } });
          }),
        );
        const held = await Promise.all(entrants.map(({ racer }) => claimsOf(racer?.interviewIds ?? [])));
        return {
          answers: answers.map((a, i) => `race ${race}: ${a.status} ${a.body.error ? `${a.body.error.code} ${a.body.error.message}` : (a.body.status ?? '')} (${held[i]} claim documents)`),
          refusals: answers.flatMap((a) => (a.body.error ? [a.body.error] : [])),
          pairingIndex: entrants.flatMap(({ firstIsPairing }, i) => (answers[i]?.status === 201 ? [] : [firstIsPairing ? 0 : 1])),
          // A winner holds its sessions' claims; a loser none.
          heldRight: answers.every((a, i) => (a.status === 201 ? (held[i] ?? 0) > 0 : held[i] === 0)),
        };
      }),
    );
    const told = races.flatMap((r) => r.answers).join('\n');
    const bothLost = races.filter((r) => r.refusals.length === 2).length;
    // Every race has exactly one winner (201) and one loser, refused 409 SLOT_TAKEN naming the session another booking took.
    expect(races.filter((r) => r.refusals.length === 1), `${bothLost} of ${RACES} races lost by both:\n${told}`).toHaveLength(RACES);
    expect(races.filter((r) => !r.heldRight), told).toEqual([]);
    for (const { refusals, pairingIndex } of races) {
      expect(refusals, told).toEqual([
        {
          code: 'SLOT_TAKEN',
          message: 'Pairing was just taken by another booking; pick another itinerary.',
          taken: expect.objectContaining({ session: pairingIndex[0], title: 'Pairing', reason: 'booked' }) as unknown,
        },
      ]);
    }
  });
});
