import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from './support/database';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, linkToken, sinkMessages, spacedStarts } from './support/fixtures';
import { FAST_LIFECYCLE, type PortalUnderTest } from './support/portal-under-test';
import { splitRace, type SplitRace } from './support/split-race';
import { hrOnBoth, startTwoPortals, statusFrom } from './support/two-portals';

// Two of each service on one database, one pair of task queues and one sink (docs/adr/0019-two-of-each.md).

// Above the race's calls from the test's own address (about 45 in a minute), so only the limit test below reaches it.
const CALLS_PER_MINUTE = 100;
const SIGNIN_FAILURES = 5;
const CANDIDATES = 24;
const SLOTS = 4;

let a: PortalUnderTest;
let b: PortalUnderTest;

beforeAll(async () => {
  [a, b] = await startTwoPortals(import.meta.url, {
    ...FAST_LIFECYCLE,
    INVITATION_EXPIRY_MINUTES: '60',
    // Only a day-ahead reminder, which a booking a few hours ahead skips: the messages are the ones counted.
    REMINDER_OFFSETS_MINUTES: '1440',
    RATE_LIMIT_PER_MINUTE: String(CALLS_PER_MINUTE),
    SIGNIN_FAILURES_PER_ACCOUNT: String(SIGNIN_FAILURES),
    // Each limited caller below comes from an address of its own, as it would through a load balancer.
    TRUST_PROXY: 'loopback',
  });
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe('two booking APIs, two workflows workers and two notifications workers', () => {
  it('sign-in and call limits are one count across both APIs', { timeout: 120_000 }, async () => {
    // Sent one after another: this is about the count being shared, not about bursts.
    const signIns: number[] = [];
    for (let i = 0; i < SIGNIN_FAILURES + 3; i += 1) {
      const api = i % 2 === 0 ? a : b;
      signIns.push(await statusFrom(api.bookingUrl, '198.51.100.7', 'mutation', 'hr.auth.signIn', { email: 'admin@example.test', password: `wrong-${i}` }));
    }
    const rightPassword = await Promise.all(
      [a, b].map((api) => statusFrom(api.bookingUrl, '198.51.100.7', 'mutation', 'hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' })),
    );
    console.log(`[two-of-each] sign-ins alternated over A/B from one address: ${signIns.join(' ')}; then the right password on A, B: ${rightPassword.join(' ')}`);
    expect(signIns).toEqual([...Array<number>(SIGNIN_FAILURES).fill(401), 429, 429, 429]);
    expect(rightPassword).toEqual([429, 429]);

    const { onB } = await hrOnBoth(a, b);
    const interviewer = await alwaysAvailableInterviewer(onB, 'Limit Interviewer');
    const { token } = await inviteAndReadLink(onB, a.sinkUrl, { name: 'Limit Lee', email: `two-of-each.limit.${Date.now()}@example.test` }, [interviewer.id]);
    // Windows are whole minutes on the clock: calls split over two would each stay under the limit.
    // The 110 calls take a few seconds (under 16 s on a loaded machine): start them with 20 s left at least.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 20_000) await new Promise((resolve) => setTimeout(resolve, leftInMinute + 100));
    const views: number[] = [];
    for (let i = 0; i < CALLS_PER_MINUTE + 10; i += 1) {
      views.push(await statusFrom((i % 2 === 0 ? a : b).bookingUrl, '203.0.113.9', 'query', 'candidate.view', { token }));
    }
    const ok = views.filter((status) => status === 200).length;
    console.log(`[two-of-each] ${views.length} candidate calls alternated over A/B, limit ${CALLS_PER_MINUTE}/min: ${ok} answered, ${views.length - ok} refused`);
    // Each API saw 55 calls: per-instance counts would have let all 110 through.
    expect(views.slice(0, CALLS_PER_MINUTE).every((status) => status === 200)).toBe(true);
    expect(views.slice(CALLS_PER_MINUTE).every((status) => status === 429)).toBe(true);
  });

  it('a race split over both APIs, with one instance of each service killed mid-run: no double booking, every message once', { timeout: 240_000 }, async () => {
    const { onA, onB } = await hrOnBoth(a, b);
    const interviewer = await alwaysAvailableInterviewer(onA, 'Twin Interviewer');
    const run = Date.now();
    const invited = await Promise.all(
      Array.from({ length: CANDIDATES }, (_, i) =>
        (i % 2 === 0 ? onA : onB).mutation<{ interviewId: string }>('hr.interviews.invite', {
          candidateName: `Twin ${i}`,
          candidateEmail: `two-of-each.${run}.${i}@example.test`,
          candidateTimezone: 'Europe/London',
          position: 'Backend Engineer',
          kind: 'technical',
          interviewerIds: [interviewer.id],
        }),
      ),
    );
    const ids = invited.map(({ interviewId }) => interviewId);
    const ours = async () => (await sinkMessages(a.sinkUrl, {})).filter((m) => ids.includes(m.Metadata.interviewId ?? ''));

    // The invitations are going out: one workflows worker and one notifications worker die now.
    await Promise.all([a.kill('workflows'), a.kill('notifications')]);
    const outAtKill = (await ours()).length;

    const invitations = await eventually(async () => {
      const sent = (await ours()).filter((m) => m.Metadata.kind === 'invitation');
      return sent.length >= CANDIDATES ? sent : undefined;
    }, 90_000, 'every invitation through the surviving workers');
    const tokens = ids.map((id) => {
      const invitation = invitations.find((m) => m.Metadata.interviewId === id);
      if (!invitation) throw new Error(`no invitation for ${id}`);
      return linkToken(invitation);
    });

    const { slots } = await b.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: tokens[0] });
    const targets = spacedStarts(slots, 2 * SLOTS, 60 * 60_000, 60 * 60_000);
    expect(targets).toHaveLength(2 * SLOTS);

    // Round 1: every candidate races for the first slots, each slot's contenders split over A and B.
    const first = await splitRace([a.api, b.api], tokens, targets.slice(0, SLOTS));
    // Round 2: the losers race for the next slots; the booking API on A dies at the first answer.
    const losers = tokens.flatMap((_, i) => (first.winners.includes(i) ? [] : [i]));
    const second = await splitRace(
      [a.api, b.api],
      losers.map((i) => tokens[i] ?? ''),
      targets.slice(SLOTS),
      async () => void (await a.kill('booking')),
    );
    for (const round of [first, second]) for (const tally of round.tallies) expect(tally.refused).toEqual([]);
    expect(first.tallies.map((t) => t.lost)).toEqual([0, 0]);
    expect(first.winners).toHaveLength(SLOTS);
    expect(second.tallies[1].lost).toBe(0);

    const bookedNow = async () =>
      (
        await withDatabase(a.mongoUrl, (db) =>
          db.collection<{ _id: string; slot: { start: Date } }>('interviews').find({ status: 'SCHEDULED' }).toArray(),
        )
      ).filter((doc) => ids.includes(doc._id));
    // Every slot booked once, and no candidate's booking lost. A booking whose API died after handing
    // its update to Temporal is made by the workflow all the same, moments later on a loaded machine.
    const bookedStarts = async () => (await bookedNow()).map((doc) => doc.slot.start.toISOString()).sort();
    await expect.poll(bookedStarts, { timeout: 30_000, interval: 500 }).toEqual([...targets].sort());
    const booked = await bookedNow();
    // Each winner's interview is among them.
    const winnerIds = [...first.winners.map((i) => ids[i]), ...second.winners.map((k) => ids[losers[k] ?? -1])];
    for (const id of winnerIds) expect(booked.map((doc) => doc._id)).toContain(id);
    // A booking not answered was in the API that died.
    expect(booked.length - winnerIds.length).toBeLessThanOrEqual(second.tallies[0].lost);

    // Exactly once: wait until no send is in flight (a killed worker's send is taken over), then count.
    const expected = new Set([
      ...ids.map((id) => `${id}|invitation`),
      ...booked.flatMap((doc) => [`${doc._id}|confirmation`, `${doc._id}|interviewer_invitation`]),
    ]);
    await eventually(async () => {
      const rows = await withDatabase(a.mongoUrl, (db) =>
        db.collection<{ interviewId: string; status: string }>('messages').find({ status: 'SENDING' }).toArray(),
      );
      const keys = new Set((await ours()).map((m) => `${m.Metadata.interviewId}|${m.Metadata.kind}`));
      return rows.every((row) => !ids.includes(row.interviewId)) && [...expected].every((key) => keys.has(key)) ? true : undefined;
    }, 120_000, 'every expected message sent, none in flight');
    const delivered = (await ours()).map((m) => `${m.Metadata.interviewId}|${m.Metadata.kind}`);
    const doubled = delivered.length - new Set(delivered).size;
    const unexpected = delivered.filter((key) => !expected.has(key));

    const figures = (round: SplitRace) =>
      round.tallies.map((t, k) => `${'AB'[k]} ${t.won} won/${t.taken} taken/${t.lost} unanswered of ${t.attempted}`).join(', ');
    console.log(
      `[two-of-each] round 1 (${CANDIDATES} candidates, ${SLOTS} slots): ${figures(first)}; ` +
        `round 2 (${losers.length} candidates, ${SLOTS} slots, A's API killed after ${second.firstAnsweredBefore} of its answers): ${figures(second)}; ` +
        `${booked.length} interviews on ${new Set(booked.map((doc) => doc.slot.start.getTime())).size} distinct slots. ` +
        `Messages: ${outAtKill} out when A's workers died; expected ${expected.size}, delivered ${new Set(delivered).size}, doubled ${doubled}, unexpected ${unexpected.length}`,
    );
    expect(doubled).toBe(0);
    expect(unexpected).toEqual([]);
    expect(new Set(delivered).size).toBe(expected.size);
  });
});
