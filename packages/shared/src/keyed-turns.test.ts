import { describe, expect, it } from 'vitest';
import { keyedTurns } from './keyed-turns';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('work on one key at a time', () => {
  it('runs one key’s calls one after another, in the order they came, and other keys’ beside them', async () => {
    const inTurn = keyedTurns();
    const events: string[] = [];
    const step = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await later(ms);
      events.push(`${name} end`);
      return name;
    };
    const answers = await Promise.all([inTurn('a', step('a1', 30)), inTurn('a', step('a2', 1)), inTurn('b', step('b1', 1))]);
    expect(answers).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 end')).toBeLessThan(events.indexOf('a1 end'));
  });

  it('goes on after a call that failed, which still fails for its own caller', async () => {
    const inTurn = keyedTurns();
    const failed = inTurn('a', () => Promise.reject(new Error('the store refused it')));
    const next = inTurn('a', () => Promise.resolve('written'));
    await expect(failed).rejects.toThrow('the store refused it');
    await expect(next).resolves.toBe('written');
  });
});
