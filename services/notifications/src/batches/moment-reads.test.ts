import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import { momentReads } from './moment-reads';

const slotStart = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase('notifications_moment_reads');
});
afterAll(async () => {
  vi.restoreAllMocks();
  await database?.close();
});

async function bookedInterview(interviewId: string, start = slotStart): Promise<void> {
  const end = new Date(start.getTime() + 60 * 60_000);
  await database.interviews.create({
    ...sampleInterview(interviewId),
    status: 'SCHEDULED',
    slot: { start, end, interviewerId: 'grace', interviewerIds: ['grace'], claimId: `claim_${interviewId}` },
    candidatePhone: '+4915112345678',
    smsOptIn: true,
  });
}

describe('one read of an interview for the email and the text due at its moment', () => {
  it('answers the email batch and the text batch of one moment from one read', async () => {
    await bookedInterview('mr_shared');
    const reads = momentReads(database.interviews);
    const findById = vi.spyOn(database.interviews, 'findById');
    const due = Date.now();
    const [forEmail, forText] = await Promise.all([reads('mr_shared', due), reads('mr_shared', due)]);
    expect(findById).toHaveBeenCalledTimes(1);
    expect(forEmail).toBe(forText);
    expect(forText).toMatchObject({ status: 'SCHEDULED', candidatePhone: '+4915112345678', smsOptIn: true });
    expect(forText?.slot?.start.getTime()).toBe(slotStart.getTime());
    findById.mockRestore();
  });

  it('never answers a reminder with a read asked before its moment', async () => {
    await bookedInterview('mr_before');
    const reads = momentReads(database.interviews);
    const findById = vi.spyOn(database.interviews, 'findById');
    const earlier = reads('mr_before', Date.now());
    // A reminder due a second from now wakes while the earlier read may still be on its way: it reads again.
    const later = reads('mr_before', Date.now() + 1_000);
    await Promise.all([earlier, later]);
    expect(findById).toHaveBeenCalledTimes(2);
    findById.mockRestore();
  });

  it('sees a move written after a read came back', async () => {
    await bookedInterview('mr_moved');
    const reads = momentReads(database.interviews);
    await reads('mr_moved', Date.now());
    const moved = new Date(slotStart.getTime() + 2 * 60 * 60_000);
    await database.interviews.updateOne({ _id: 'mr_moved' }, { $set: { 'slot.start': moved } });
    const after = await reads('mr_moved', Date.now());
    expect(after?.slot?.start.getTime()).toBe(moved.getTime());
  });
});
