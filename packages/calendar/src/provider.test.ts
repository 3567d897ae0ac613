import { describe, expect, it } from 'vitest';
import { CalendarProblem } from './caldav-errors';
import { declinedInObjects, isPortalObject } from './caldav-provider';
import { GoogleCalendarProblem } from './google/google-problem';
import { ConnectionProblem, interviewIdOfUid, providerProblem, rateLimitWaitMs } from './provider';

const event = (uid: string, attendee = '') =>
  ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTART:20310307T090000Z', 'DTEND:20310307T100000Z', ...(attendee ? [attendee] : []), 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('the provider interface', () => {
  it('reads every provider’s problem in the common terms, Retry-After kept, anything else as BAD_RESPONSE', () => {
    expect(providerProblem(new CalendarProblem('AUTH', 'HTTP 401'))).toMatchObject({ code: 'AUTH', retryable: false, retryAfterMs: null });
    expect(providerProblem(new GoogleCalendarProblem('RATE_LIMITED', 'read events: HTTP 429', 2_000))).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 2_000 });
    expect(providerProblem(new ConnectionProblem('NOT_SET_UP', 'No organisation-wide Google connection.'))).toMatchObject({ code: 'NOT_SET_UP', retryable: false });
    expect(providerProblem(new TypeError('x is undefined'))).toEqual({ code: 'BAD_RESPONSE', message: 'x is undefined', retryable: false, retryAfterMs: null });
  });

  it('knows the portal’s events by their UID', () => {
    expect(interviewIdOfUid('int-1@interview-portal')).toBe('int-1');
    expect(interviewIdOfUid('standup@calendar.example')).toBeNull();
    expect(interviewIdOfUid(null)).toBeNull();
    expect(isPortalObject(event('int-1@interview-portal'))).toBe(true);
    expect(isPortalObject(event('mine-1'))).toBe(false);
  });

  it('reads a CalDAV decline from the interviewer’s own ATTENDEE line, folded or not', () => {
    const mine = 'ATTENDEE;CN=Ana;PARTSTAT=DECLINED:mailto:ana@example.test';
    const folded = 'ATTENDEE;CN=Ana;\r\n PARTSTAT=DECLINED:mailto:Ana@Example.test';
    const someoneElse = 'ATTENDEE;PARTSTAT=DECLINED:mailto:bo@example.test';
    const objects = [event('int-1@interview-portal', mine), event('int-2@interview-portal', folded), event('int-3@interview-portal', someoneElse), event('own-4', mine)];
    expect(declinedInObjects(objects, 'ana@example.test')).toEqual(['int-1', 'int-2']);
  });

  it('waits after a rate limit for what was asked, and never less than a doubling wait: 2 s, 4 s … 10 min', () => {
    expect([1, 2, 3, 4].map((times) => rateLimitWaitMs(times, null))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(rateLimitWaitMs(2, 30_000)).toBe(30_000);
    expect(rateLimitWaitMs(20, null)).toBe(600_000);
  });
});
