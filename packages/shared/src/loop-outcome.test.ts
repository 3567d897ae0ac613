import { describe, expect, it } from 'vitest';
import { loopOutcomeOf, type SessionResult } from './loop-outcome';

const passed: SessionResult = { status: 'COMPLETED', outcome: 'PASSED' };
const pending: SessionResult = { status: 'COMPLETED', outcome: 'PENDING' };
const booked: SessionResult = { status: 'SCHEDULED', outcome: 'PENDING' };

describe('a loop’s outcome', () => {
  it('is passed only once every session passed', () => {
    expect(loopOutcomeOf([passed, passed, passed])).toBe('PASSED');
    expect(loopOutcomeOf([passed, passed, pending])).toBe('PENDING');
    expect(loopOutcomeOf([passed, booked])).toBe('PENDING');
  });

  it('fails as soon as one session failed, even with others still to come', () => {
    expect(loopOutcomeOf([passed, { status: 'NO_SHOW', outcome: 'FAILED' }, booked])).toBe('FAILED');
    expect(loopOutcomeOf([{ status: 'COMPLETED', outcome: 'ON_HOLD' }, { status: 'COMPLETED', outcome: 'FAILED' }])).toBe('FAILED');
  });

  it('is on hold when one session is and none failed', () => {
    expect(loopOutcomeOf([passed, { status: 'COMPLETED', outcome: 'ON_HOLD' }])).toBe('ON_HOLD');
  });

  it('stays pending for a loop called off before any decision', () => {
    expect(loopOutcomeOf([{ status: 'CANCELLED', outcome: 'PENDING' }, { status: 'CANCELLED', outcome: 'PENDING' }])).toBe('PENDING');
    expect(loopOutcomeOf([])).toBe('PENDING');
  });
});
