import { describe, expect, it } from 'vitest';
import { DomainError } from '@portal/shared/errors';
import type { SlotState } from '@portal/shared/lifecycle';
import { claimInOrder, claimOrder } from './loop-claim-order';

const at = (hour: number) => new Date(Date.UTC(2030, 0, 7, hour)).toISOString();
const session = (interviewId: string, hour: number, interviewerIds = [interviewId]) => ({ interviewId, start: at(hour), interview: { interviewerIds } });
const slotOf = (interviewId: string) => ({ claimId: `${interviewId}@claim` }) as SlotState;

describe('the loops’ one order of claims', () => {
  it('is the sessions’ starts, earliest first, whatever order the loop lists them in; at one start, the pool that sorts first', () => {
    expect(claimOrder([session('late', 11), session('early', 9), session('middle', 10)])).toEqual([1, 2, 0]);
    expect(claimOrder([session('s1', 9, ['zed', 'amy']), session('s2', 9, ['bob'])])).toEqual([0, 1]);
    expect(claimOrder([session('s1', 9, ['zed']), session('s2', 9, ['bob', 'zoe'])])).toEqual([1, 0]);
  });

  it('claims one session after another and none after the first refusal, keeping what it held for the loop to release', async () => {
    const asked: string[] = [];
    const outcomes = await claimInOrder(
      [session('third', 11), session('first', 9), session('second', 10)],
      async ({ interviewId }) => {
        asked.push(interviewId);
        if (interviewId === 'second') throw new DomainError('SLOT_TAKEN', 'That time was just taken by someone else.', { reason: 'booked' });
        return slotOf(interviewId);
      },
      async () => {
        throw new Error('a refusal releases nothing here');
      },
    );
    expect(asked).toEqual(['first', 'second']);
    expect(outcomes).toEqual([
      { interviewId: 'third', unclaimed: true },
      { interviewId: 'first', slot: slotOf('first') },
      { interviewId: 'second', refused: { code: 'SLOT_TAKEN', message: 'That time was just taken by someone else.', reason: 'booked' } },
    ]);
  });

  it('a failure that is not a refusal releases what the call held and fails it', async () => {
    const released: string[] = [];
    const failed = claimInOrder(
      [session('first', 9), session('second', 10)],
      async ({ interviewId }) => {
        if (interviewId === 'second') throw new Error('connection reset');
        return slotOf(interviewId);
      },
      async (slot) => {
        released.push(slot.claimId);
      },
    );
    await expect(failed).rejects.toThrow('connection reset');
    expect(released).toEqual(['first@claim']);
  });
});
