import { describe, expect, it } from 'vitest';
import { interviewSearchKeys, searchFilters } from './interview-search';

describe('HR search keys', () => {
  const keys = interviewSearchKeys({ candidateName: '  Ada   King Lovelace ', candidateEmail: 'Ada@Example.TEST', position: 'Backend  Engineer' });

  it('match a whole email, a whole name, or its first or last word, case and spacing ignored', () => {
    expect(keys).toEqual({
      emailKey: 'ada@example.test',
      nameKey: 'ada king lovelace',
      firstNameKey: 'ada',
      lastNameKey: 'lovelace',
      positionKey: 'backend engineer',
    });
    expect(searchFilters(' ADA@example.test')).toEqual([{ emailKey: 'ada@example.test' }]);
    expect(searchFilters('Ada  King Lovelace')).toEqual([{ nameKey: 'ada king lovelace' }]);
    expect(searchFilters('Lovelace')).toEqual([{ firstNameKey: 'lovelace' }, { lastNameKey: 'lovelace' }]);
  });

  it('an empty search asks for nothing', () => {
    expect(searchFilters('   ')).toEqual([]);
  });
});
