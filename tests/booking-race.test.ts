import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, inviteInTens, signInAsAdmin, spacedStarts } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';

let portal: PortalUnderTest;

beforeAll(async () => {
  // The run's shared portal: everything below is this file's own interviewer and candidates.
  portal = await sharedPortal();
});

afterAll(async () => {
  await portal?.stop();
});

describe('candidates racing for the same slots', () => {
  it('50 candidates booking 5 slots at once get exactly 5 bookings and 45 SLOT_TAKEN answers', { timeout: 240_000 }, async () => {
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr, 'Race Interviewer');
    const run = Date.now();
    const racers = Array.from({ length: 50 }, (_, i) => ({ name: `Racer ${i}`, email: `racer.${run}.${i}@example.test` }));
    const candidates = await inviteInTens(hr, portal.sinkUrl, racers, [interviewer.id]);

    const first = candidates[0];
    if (!first) throw new Error('no candidates');
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: first.token });
    // One hour apart: the interviews are an hour long, so these five never overlap each other.
    const targets = spacedStarts(slots, 5, 10 * 60_000, 60 * 60_000);
    expect(targets).toHaveLength(5);

    const answers = await Promise.allSettled(
      candidates.map((candidate, i) =>
        portal.api.mutation('candidate.book', { token: candidate.token, start: targets[i % 5] }),
      ),
    );
    const booked = answers.filter((a) => a.status === 'fulfilled');
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
    const reasons = refused.map((error) => (error instanceof ApiError ? `${error.domainCode}: ${error.message}` : String(error)));
    expect(booked, [...new Set(reasons)].join(' / ')).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(refused.every((error) => error instanceof ApiError && error.domainCode === 'SLOT_TAKEN')).toBe(true);

    const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
    try {
      // Every scheduled interview with this file's interviewer (the portal is shared with other files).
      const scheduled = (await connection.db?.collection('interviews').find({ status: 'SCHEDULED' }).toArray())?.filter((doc) =>
        (doc.interviewerIds as string[] | undefined)?.includes(interviewer.id),
      );
      const starts = (scheduled ?? []).map((doc) => (doc.slot as { start: Date }).start.toISOString());
      expect(new Set(starts).size).toBe(5);
      expect(starts.sort()).toEqual([...targets].sort());
    } finally {
      await connection.close();
    }

    const after = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: first.token });
    for (const start of targets) expect(after.slots.map((s) => s.start)).not.toContain(start);
  });
});
