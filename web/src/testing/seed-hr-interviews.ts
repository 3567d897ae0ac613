import { setTimeout as sleep } from 'node:timers/promises';
import type { createApiClient } from '@portal/system-tests/api-client';
import { ASYNC_WAIT_MS, bookAhead, eventually, inviteAndReadLink } from '@portal/system-tests/fixtures';

type Api = ReturnType<typeof createApiClient>;

export interface SeededInterviews {
  booked: { interviewId: string; start: string };
  cancelled: { interviewId: string; start: string };
  completed: { interviewId: string };
}

/**
 * Interviews in the states the HR pages show differently: `fillers` only invited (so the list
 * has a second page), then one booked, one cancelled after booking, one completed with an
 * outcome on hold. The completed one is booked 3 to 65 s ahead and marked attended once it starts:
 * slots seconds apart (SECOND_INTERVIEWS) make that wait short, and it must last long enough for
 * the marking to come within it.
 */
export async function seedHrInterviews(api: Api, hr: Api, sinkUrl: string, interviewerId: string, fillers: number): Promise<SeededInterviews> {
  const run = Date.now();
  for (let i = 0; i < fillers; i += 5) {
    await Promise.all(
      Array.from({ length: Math.min(5, fillers - i) }, (_, j) =>
        hr.mutation('hr.interviews.invite', {
          candidateName: `Waiting Candidate ${i + j + 1}`,
          candidateEmail: `waiting.${i + j}.${run}@example.test`,
          candidateTimezone: 'Europe/London',
          position: 'Support Engineer',
          kind: 'technical',
          interviewerIds: [interviewerId],
        }),
      ),
    );
  }
  const invite = (name: string) =>
    inviteAndReadLink(hr, sinkUrl, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test` }, [interviewerId], 'Platform Engineer');
  const laterSlot = async (token: string, leadMs: number) => {
    const { slots } = await api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const slot = slots.find((s) => Date.parse(s.start) - Date.now() > leadMs);
    if (slot === undefined) throw new Error('no free time far enough ahead');
    await api.mutation('candidate.book', { token, start: slot.start });
    return slot.start;
  };

  const done = await invite('Completed Candidate');
  const completedStart = await bookAhead(api, done.token, { min: 3_000, max: 65_000 });
  const bookedInvite = await invite('Booked Candidate');
  const booked = { interviewId: bookedInvite.interviewId, start: await laterSlot(bookedInvite.token, 3 * 3_600_000) };
  const cancelledInvite = await invite('Cancelled Candidate');
  const cancelled = { interviewId: cancelledInvite.interviewId, start: await laterSlot(cancelledInvite.token, 4 * 3_600_000) };
  await api.mutation('candidate.cancel', { token: cancelledInvite.token, reason: 'found another job' });

  await sleep(Math.max(0, completedStart - Date.now() + 500));
  await eventually(
    () => hr.mutation('hr.interviews.markAttendance', { interviewId: done.interviewId, attended: true }).then(() => true, () => undefined),
    ASYNC_WAIT_MS,
    'the completed interview to start',
  );
  await hr.mutation('hr.interviews.setOutcome', { interviewId: done.interviewId, outcome: 'ON_HOLD' });
  return { booked, cancelled, completed: { interviewId: done.interviewId } };
}
