import { describe, expect, it } from 'vitest';
import { calendarKey, openCalendarPassword, openOrganisationSecret, openSecret, pushChannelToken, sealCalendarPassword, sealOrganisationSecret, sealSecret } from './credentials';

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

  it('a password sealed to its server opens only for that origin: another server address in the row does not open it', () => {
    const owner = { interviewerId: 'interviewer-1', serverUrl: 'https://caldav.example.test/dav/' };
    const sealed = sealCalendarPassword(key, 'app-password', owner);
    expect(openCalendarPassword(key, sealed, { ...owner, serverUrl: 'https://caldav.example.test:443/other/path/' })).toEqual({ password: 'app-password', legacy: false });
    expect(() => openCalendarPassword(key, sealed, { ...owner, serverUrl: 'https://elsewhere.example.test/dav/' })).toThrow();
    expect(() => openCalendarPassword(key, sealed, { ...owner, serverUrl: 'http://caldav.example.test/dav/' })).toThrow();
    expect(() => openCalendarPassword(key, sealed, { ...owner, interviewerId: 'interviewer-2' })).toThrow();
  });

  it('a password sealed before origins were bound still opens, marked legacy', () => {
    const sealed = sealSecret(key, 'old-password', 'interviewer-1');
    expect(openCalendarPassword(key, sealed, { interviewerId: 'interviewer-1', serverUrl: 'https://any.example.test/' })).toEqual({ password: 'old-password', legacy: true });
  });
});

describe('organisation-wide secrets and push channel tokens', () => {
  it('a service account key sealed to its account opens for that account only', () => {
    const owner = { provider: 'google', account: 'portal@project.iam.gserviceaccount.com' };
    const sealed = sealOrganisationSecret(key, '-----BEGIN PRIVATE KEY-----x', owner);
    expect(JSON.stringify(sealed)).not.toContain('PRIVATE KEY');
    expect(openOrganisationSecret(key, sealed, { ...owner, account: owner.account.toUpperCase() })).toBe('-----BEGIN PRIVATE KEY-----x');
    expect(() => openOrganisationSecret(key, sealed, { ...owner, account: 'other@project.iam.gserviceaccount.com' })).toThrow();
    expect(() => openOrganisationSecret(key, sealed, { ...owner, provider: 'microsoft' })).toThrow();
  });

  it('a channel token is the same for the same key and channel, and another for another channel or key', () => {
    expect(pushChannelToken(key, 'ch-1')).toBe(pushChannelToken(key, 'ch-1'));
    expect(pushChannelToken(key, 'ch-1')).not.toBe(pushChannelToken(key, 'ch-2'));
    expect(pushChannelToken(calendarKey(Buffer.alloc(32, 8).toString('base64')), 'ch-1')).not.toBe(pushChannelToken(key, 'ch-1'));
    expect(pushChannelToken(key, 'ch-1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
