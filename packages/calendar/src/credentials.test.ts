import { describe, expect, it } from 'vitest';
import { calendarKey, openSecret, sealSecret } from './credentials';

const key = calendarKey(Buffer.alloc(32, 7).toString('base64'));

describe('calendar passwords at rest', () => {
  it('a sealed app password opens with the same key and interviewer, and its text is not stored', () => {
    const sealed = sealSecret(key, 'app-password-123', 'interviewer-1');
    expect(JSON.stringify(sealed)).not.toContain('app-password-123');
    expect(openSecret(key, sealed, 'interviewer-1')).toBe('app-password-123');
  });

  it('the same password sealed twice looks different (fresh nonce each time)', () => {
    expect(sealSecret(key, 'same', 'i').data).not.toBe(sealSecret(key, 'same', 'i').data);
  });

  it('another key, another interviewer or a changed byte does not open it', () => {
    const sealed = sealSecret(key, 'secret', 'interviewer-1');
    expect(() => openSecret(calendarKey(Buffer.alloc(32, 8).toString('base64')), sealed, 'interviewer-1')).toThrow();
    expect(() => openSecret(key, sealed, 'interviewer-2')).toThrow();
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openSecret(key, { ...sealed, data: flipped.toString('base64') }, 'interviewer-1')).toThrow();
  });

  it('a key of the wrong length is refused with the variable named', () => {
    expect(() => calendarKey('c2hvcnQ=')).toThrow(/CALENDAR_SECRET_KEY/);
  });
});
