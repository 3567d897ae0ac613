import { describe, expect, it } from 'vitest';
import { hrEn } from '@portal/shared/i18n/hr-messages';
import { createI18n } from '@portal/shared/i18n/translator';
import { formatWhen, localizeInstants, zoneNote } from './hr-time';

const hrI18n = createI18n({ en: hrEn });
const english = (key: keyof typeof hrEn, values: Record<string, string>) => hrI18n.t(key, values);

describe('HR times', () => {
  it('shows a moment as a short weekday, day, month and time in the given zone', () => {
    expect(formatWhen('2026-11-24T10:15:00Z', 'UTC', 'en-GB')).toBe('Tue 24 Nov, 10:15');
    expect(formatWhen('2026-11-24T23:30:00Z', 'Asia/Tokyo', 'en-GB')).toBe('Wed 25 Nov, 8:30');
  });

  it('names the zone the times are in, by its spoken name and its id', () => {
    expect(zoneNote('America/New_York', new Date('2026-11-24T10:15:00Z'), 'en-GB', english)).toBe('Times in Eastern Standard Time (America/New York)');
  });

  it('turns every ISO instant in a note into a local time and leaves other text alone', () => {
    expect(localizeInstants('from 2026-11-24T10:15:00.000Z to 2026-11-24T11:15:00+01:00, v2', 'UTC', 'en-GB')).toBe(
      'from Tue 24 Nov, 10:15 to Tue 24 Nov, 10:15, v2',
    );
  });
});
