import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/activity';
import { CalendarProblem } from '@portal/calendar/caldav';
import { GoogleCalendarProblem } from '@portal/calendar/google';
import { ConnectionProblem } from '@portal/calendar/provider';
import { writeFailure } from './write-failure';

describe('what a failed calendar write leaves for its retry policy', () => {
  it('a rate limit is tried again after Retry-After, or after the doubling wait when that is longer', () => {
    const limited = new GoogleCalendarProblem('RATE_LIMITED', 'write the event: HTTP 429', 5_000);
    expect(writeFailure(limited, 1)).toMatchObject({ type: 'CALENDAR_RATE_LIMITED', nonRetryable: false, nextRetryDelay: 5_000 });
    expect(writeFailure(limited, 3)).toMatchObject({ nextRetryDelay: 8_000 });
    expect(writeFailure(new GoogleCalendarProblem('RATE_LIMITED', 'write the event: HTTP 403 rateLimitExceeded'), 1)).toMatchObject({ nextRetryDelay: 2_000 });
  });

  it('a refusal that waits for someone (revoked grant, wrong password, no organisation connection) is not retried', () => {
    expect(writeFailure(new GoogleCalendarProblem('AUTH', 'write the event: HTTP 400 invalid_grant'), 1)).toMatchObject({ type: 'CALENDAR_AUTH', nonRetryable: true });
    expect(writeFailure(new CalendarProblem('AUTH', 'HTTP 401'), 1)).toMatchObject({ type: 'CALENDAR_AUTH', nonRetryable: true });
    expect(writeFailure(new ConnectionProblem('NOT_SET_UP', 'no organisation connection'), 1)).toMatchObject({ type: 'CALENDAR_NOT_SET_UP', nonRetryable: true });
  });

  it('an outage, a timeout or a lost race keeps the policy’s own backoff', () => {
    const down = new GoogleCalendarProblem('UNREACHABLE', 'write the event: HTTP 503');
    expect(writeFailure(down, 1)).toBe(down);
    const race = new CalendarProblem('CONFLICT', 'HTTP 412');
    expect(writeFailure(race, 1)).toBe(race);
    expect(writeFailure(race, 1)).not.toBeInstanceOf(ApplicationFailure);
  });
});
