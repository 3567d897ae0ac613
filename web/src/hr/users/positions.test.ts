import { describe, expect, it } from 'vitest';
import { positionsFrom, positionsText } from './positions';

describe('a hiring manager\'s positions as typed', () => {
  it('are split on lines and commas, trimmed, without blanks or repeats', () => {
    expect(positionsFrom(' Backend Engineer ,Data Analyst\n\nBackend Engineer\n  Designer  ')).toEqual(['Backend Engineer', 'Data Analyst', 'Designer']);
  });

  it('an empty field is no positions', () => {
    expect(positionsFrom(' \n , ')).toEqual([]);
  });

  it('are shown back one a line', () => {
    expect(positionsText(['Backend Engineer', 'Designer'])).toBe('Backend Engineer\nDesigner');
  });
});
