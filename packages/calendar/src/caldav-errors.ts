import { stripControlCharacters } from '@portal/shared/text';

/** Why a calendar could not be used, in the terms HR acts on. */
export type CalendarProblemCode = 'AUTH' | 'NOT_FOUND' | 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE' | 'CONFLICT' | 'OTHER_ORIGIN';

const MESSAGES: Record<CalendarProblemCode, string> = {
  AUTH: 'The calendar server refused the user name or app password.',
  NOT_FOUND: 'The calendar was not found at that address.',
  UNREACHABLE: 'The calendar server could not be reached.',
  TIMEOUT: 'The calendar server did not answer in time.',
  BAD_RESPONSE: 'The calendar server gave an answer that could not be read.',
  CONFLICT: 'The event changed on the server meanwhile.',
  OTHER_ORIGIN:
    'The calendar server sent us on to another server; the app password is only sent to the server it was entered for. If that server is yours, enter its address as the server address',
};

export class CalendarProblem extends Error {
  constructor(
    readonly code: CalendarProblemCode,
    detail?: string,
  ) {
    // The detail may quote the server; it is stored with the calendar's status and shown to HR.
    super(detail ? `${MESSAGES[code]} (${stripControlCharacters(detail)})` : MESSAGES[code]);
    this.name = 'CalendarProblem';
  }
}

export function problemForStatus(status: number, what: string): CalendarProblem {
  if (status === 401 || status === 403) return new CalendarProblem('AUTH', `${what}: HTTP ${status}`);
  if (status === 404 || status === 410) return new CalendarProblem('NOT_FOUND', `${what}: HTTP ${status}`);
  if (status === 412) return new CalendarProblem('CONFLICT', `${what}: HTTP ${status}`);
  return new CalendarProblem(status >= 500 ? 'UNREACHABLE' : 'BAD_RESPONSE', `${what}: HTTP ${status}`);
}

/**
 * tsdav reports failures as plain Errors whose message carries the status; fetch as TypeError
 * (refused, DNS) or a TimeoutError/AbortError from the signal. Passwords never reach these texts.
 */
export function asCalendarProblem(error: unknown, what: string): CalendarProblem {
  if (error instanceof CalendarProblem) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new CalendarProblem('TIMEOUT', what);
  const status = /\b(401|403|404|410|412|5\d\d)\b/.exec(err.message)?.[1];
  if (status) return problemForStatus(Number(status), what);
  if (/invalid credentials|unauthori[sz]ed/i.test(err.message)) return new CalendarProblem('AUTH', what);
  if (err instanceof TypeError || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|fetch failed|socket/i.test(err.message)) {
    return new CalendarProblem('UNREACHABLE', what);
  }
  return new CalendarProblem('BAD_RESPONSE', `${what}: ${err.message.slice(0, 200)}`);
}
