import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import {
  alwaysAvailableInterviewer,
  eventually,
  inviteAndReadLink,
  signInAsAdmin,
  sinkMessages,
  ASYNC_WAIT_MS,
} from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';

interface View {
  status: string;
  slot: { start: string } | null;
  joinable: boolean;
}

let portal: PortalUnderTest;
const candidate = { name: 'Ada Lovelace', email: `ada.${Date.now()}@example.test` };

beforeAll(async () => {
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: [20 / 60, 10 / 60, 5 / 60].join(','),
    INVITATION_EXPIRY_MINUTES: '60',
  });
});

afterAll(async () => {
  await portal?.stop();
});

describe('a candidate books from the emailed link and the lifecycle runs to completion', () => {
  it('books, gets three reminders in order, joins, and the interview completes', { timeout: 300_000 }, async () => {
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr);
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);

    const view = await portal.api.query<View>('candidate.view', { token });
    expect(view.status).toBe('INVITED');

    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const slot = slots.find((s) => Date.parse(s.start) - Date.now() > 25_000);
    expect(slot).toBeDefined();
    const booked = await portal.api.mutation<View>('candidate.book', { token, start: slot?.start });
    expect(booked.status).toBe('SCHEDULED');
    expect(booked.slot?.start).toBe(slot?.start);

    const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
    try {
      const stored = await connection.db?.collection('interviews').findOne({ _id: interviewId as never });
      expect(stored?.status).toBe('SCHEDULED');
    } finally {
      await connection.close();
    }

    await eventually(async () => {
      const current = await portal.api.query<View>('candidate.view', { token });
      return current.joinable ? current : undefined;
    }, 120_000, 'the interview room to open');
    const joined = await portal.api.mutation<{ meetingUrl: string }>('candidate.join', { token });
    // A Jitsi room of its own, named at random: not the interview id anyone with the id could guess.
    expect(joined.meetingUrl).toMatch(/^https:\/\/meet\.jit\.si\/interview-[0-9a-f]{24}$/);
    expect(joined.meetingUrl).not.toContain(interviewId);

    await eventually(async () => {
      const current = await portal.api.query<View>('candidate.view', { token });
      return current.status === 'COMPLETED' ? current : undefined;
    }, 120_000, 'COMPLETED');

    // After the interview the candidate is thanked and told what happens next.
    const mail = await eventually(async () => {
      const all = await sinkMessages(portal.sinkUrl, { to: candidate.email });
      return all.some((m) => m.Metadata.kind === 'thank_you') ? all : undefined;
    }, ASYNC_WAIT_MS, 'the thank-you email');
    const kinds = mail.map((m) => m.Metadata.kind);
    expect(kinds).toEqual(['invitation', 'confirmation', 'reminder', 'reminder', 'reminder', 'thank_you']);
    await recordHistory(interviewId, 'booked-completed');
    await expect(portal.api.mutation('candidate.book', { token, start: slot?.start })).rejects.toBeInstanceOf(ApiError);
  });
});
