import { describe, expect, it } from 'vitest';
import { displayPhone, toE164 } from './phone';
import { slotChoiceInput } from './schemas';
import { channelOffsetsMs, defaultReminderRules, reminderRulesInput } from './reminders';

describe('mobile numbers', () => {
  it('any written form with its country code becomes E.164', () => {
    expect(toE164('+49 151 2345 6789')).toBe('+4915123456789');
    expect(toE164('0049 (151) 2345-6789')).toBe('+4915123456789');
    expect(toE164(' +1 415 555 2671 ')).toBe('+14155552671');
  });

  it('a number without a country code, or not a number at all, is refused rather than guessed', () => {
    expect(toE164('0151 23456789')).toBeNull();
    expect(toE164('+49 12')).toBeNull();
    expect(toE164('call me maybe')).toBeNull();
  });

  it('the booking input stores E.164 and names the phone field when it cannot', () => {
    const base = { token: 'x'.repeat(20), start: '2026-03-03T10:00:00Z' };
    expect(slotChoiceInput.parse({ ...base, phone: '+44 20 7946 0018', sms: true })).toMatchObject({ phone: '+442079460018', sms: true });
    const refused = slotChoiceInput.safeParse({ ...base, phone: '12345' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['phone'], message: expect.stringContaining('country code') });
  });

  it('reads back in international format', () => {
    expect(displayPhone('+4915123456789')).toBe('+49 1512 3456789');
  });
});

describe('reminder schedules', () => {
  it('the default sends every offset by email and by SMS', () => {
    expect(defaultReminderRules([1440, 60])).toEqual([
      { offsetMinutes: 1440, channel: 'email' },
      { offsetMinutes: 1440, channel: 'sms' },
      { offsetMinutes: 60, channel: 'email' },
      { offsetMinutes: 60, channel: 'sms' },
    ]);
  });

  it('each channel plans its own offsets, largest first, once each', () => {
    const rules = [
      { offsetMinutes: 10, channel: 'sms' as const },
      { offsetMinutes: 2880, channel: 'email' as const },
      { offsetMinutes: 120, channel: 'sms' as const },
    ];
    expect(channelOffsetsMs(rules, 'sms')).toEqual([7_200_000, 600_000]);
    expect(channelOffsetsMs(rules, 'email')).toEqual([172_800_000]);
  });

  it('the same reminder twice, a negative offset or too many rules are refused', () => {
    const twice = reminderRulesInput.safeParse([{ offsetMinutes: 60, channel: 'sms' }, { offsetMinutes: 60, channel: 'sms' }]);
    expect(twice.error?.issues[0]).toMatchObject({ path: [1, 'offsetMinutes'], message: 'This reminder is listed twice.' });
    expect(reminderRulesInput.safeParse([{ offsetMinutes: -5, channel: 'email' }]).success).toBe(false);
    expect(reminderRulesInput.safeParse(Array.from({ length: 9 }, (_, i) => ({ offsetMinutes: i + 1, channel: 'email' }))).success).toBe(false);
  });
});
