import { describe, expect, it } from 'vitest';
import { interviewerInput } from '@portal/shared/schemas';
import { describeIssues } from './input-problems';

const refusal = (input: unknown) => {
  const result = interviewerInput.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return describeIssues(result.error);
};

const valid = { name: 'Grace', email: 'grace@example.test', timezone: 'UTC', weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 4, active: true };

describe('a refused input in words', () => {
  it('names the field, nested ones by their dotted path', () => {
    expect(refusal({ ...valid, name: 'Gr\u0000ace' })).toBe('name: must not contain control characters');
    expect(refusal({ ...valid, weekly: [{ weekday: 1, ranges: [{ start: '10:00', end: '09:00' }] }] })).toBe('weekly.0.ranges.0.end: end must be after start');
  });

  it('lists three problems at most, then how many more, and never the issues as JSON', () => {
    const message = refusal({ name: '', email: 'x', timezone: 'Mars/Base', weekly: 'no', overrides: [], timeOff: [], bufferBeforeMinutes: -1, bufferAfterMinutes: 0, maxPerDay: 4, active: true });
    expect(message).toMatch(/^name: .+; email: .+; timezone: unknown time zone; and 2 more$/);
    expect(message).not.toMatch(/[[{]/);
  });

  it('a problem with the whole input is said of the input', () => {
    const result = interviewerInput.safeParse(null);
    expect(result.success ? '' : describeIssues(result.error)).toMatch(/^input: /);
  });
});
