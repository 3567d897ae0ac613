import { describe, expect, it } from 'vitest';
import { inviteInput } from '@portal/shared/schemas';
import { fieldErrorsFromIssues, messagesAt, messagesUnder } from './field-errors';

describe('fieldErrorsFromIssues', () => {
  it('keys messages by the dotted field path', () => {
    const errors = fieldErrorsFromIssues([{ path: ['weekly', 0, 'ranges', 1, 'end'], message: 'end must be after start' }]);
    expect(messagesAt(errors, 'weekly.0.ranges.1.end')).toBe('end must be after start');
    expect(messagesAt(errors, 'weekly.0.ranges.0.end')).toBeUndefined();
  });

  it('says "Required", "Enter an email address" and "Choose at least one" for the shared invite schema', () => {
    const result = inviteInput.safeParse({
      candidateName: '',
      candidateEmail: 'not-an-email',
      candidateTimezone: 'Europe/Berlin',
      position: 'Backend',
      kind: 'technical',
      interviewerIds: [],
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFromIssues(result.error?.issues ?? []);
    expect(messagesAt(errors, 'candidateName')).toBe('Required');
    expect(messagesAt(errors, 'candidateEmail')).toBe('Enter an email address');
    expect(messagesAt(errors, 'interviewerIds')).toBe('Choose at least one');
  });
});

describe('messagesUnder', () => {
  it('says a list\'s messages and its items\' as the one field', () => {
    const errors = { positions: ['Too many'], 'positions.2': ['Required'], 'positions.3': ['Required'], position: ['elsewhere'] };
    expect(messagesUnder(errors, 'positions')).toBe('Too many; Required');
    expect(messagesUnder(errors, 'email')).toBeUndefined();
  });
});
