import { describe, expect, it } from 'vitest';
import { slotChoiceInput } from './schemas';

const choice = (timezone: string) => slotChoiceInput.safeParse({ token: 'x'.repeat(20), start: '2026-12-01T10:00:00Z', timezone });

describe('time zones in API inputs', () => {
  it('accepts a real zone every time it is sent, and refuses a made-up one however often it comes', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(choice('Europe/London').success).toBe(true);
      const refused = choice('Mars/Olympus');
      expect(refused.success).toBe(false);
      expect(refused.error?.issues[0]?.message).toBe('unknown time zone');
    }
    expect(choice('europe/london').success).toBe(true);
  });
});
