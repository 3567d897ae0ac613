import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { INTERVIEW_EVENTS, INTERVIEW_STATUSES, TRANSITIONS, assertEdge, isTerminal, transition } from './status';

const LEGAL: Record<string, string> = {
  'INVITED BOOK': 'SCHEDULED',
  'INVITED CANCEL': 'CANCELLED',
  'INVITED EXPIRE': 'EXPIRED',
  'SCHEDULED RESCHEDULE': 'SCHEDULED',
  'SCHEDULED CANCEL': 'CANCELLED',
  'SCHEDULED WINDOW_OPENS': 'IN_PROGRESS',
  'IN_PROGRESS WINDOW_CLOSES_JOINED': 'COMPLETED',
  'IN_PROGRESS WINDOW_CLOSES_ABSENT': 'NO_SHOW',
  'COMPLETED ARCHIVE_FOR_RETAKE': 'ARCHIVED',
  'NO_SHOW ARCHIVE_FOR_RETAKE': 'ARCHIVED',
};

describe('the interview state machine', () => {
  for (const from of INTERVIEW_STATUSES) {
    for (const event of INTERVIEW_EVENTS) {
      const expected = LEGAL[`${from} ${event}`];
      if (expected) {
        it(`${event} moves ${from} to ${expected}`, () => {
          expect(transition(from, event)).toBe(expected);
        });
      } else {
        it(`${event} is refused from ${from}, naming both`, () => {
          let caught: unknown;
          try {
            transition(from, event);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe('ILLEGAL_TRANSITION');
          expect((caught as DomainError).message).toContain(from);
          expect((caught as DomainError).message).toContain(event);
        });
      }
    }
  }

  it('the table holds exactly the documented edges', () => {
    const edges = Object.entries(TRANSITIONS).flatMap(([from, events]) =>
      Object.entries(events).map(([event, to]) => `${from} ${event} ${to}`),
    );
    expect(edges.sort()).toEqual(Object.entries(LEGAL).map(([k, v]) => `${k} ${v}`).sort());
  });

  it('persisting a move that is not an edge names both states', () => {
    expect(() => assertEdge('CANCELLED', 'SCHEDULED')).toThrow(/CANCELLED to SCHEDULED/);
    expect(() => assertEdge('INVITED', 'SCHEDULED')).not.toThrow();
  });

  it('completed and no-show interviews are terminal only once the outcome is final', () => {
    expect(isTerminal('COMPLETED', 'PENDING')).toBe(false);
    expect(isTerminal('COMPLETED', 'PASSED')).toBe(true);
    expect(isTerminal('NO_SHOW', 'FAILED')).toBe(true);
    expect(isTerminal('ARCHIVED', 'FAILED')).toBe(true);
    expect(isTerminal('SCHEDULED', 'PENDING')).toBe(false);
  });
});
