import { gaxios } from 'google-auth-library';

/** Why a Google calendar could not be used, in the terms HR and the retry policy act on. */
export type GoogleProblemCode = 'AUTH' | 'FORBIDDEN' | 'RATE_LIMITED' | 'NOT_FOUND' | 'CONFLICT' | 'REFUSED' | 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE';

const MESSAGES: Record<GoogleProblemCode, string> = {
  AUTH: 'Google refused the calendar connection: the grant was revoked or the delegation is not set up.',
  FORBIDDEN: 'Google does not let this connection use that calendar.',
  RATE_LIMITED: 'Google asked us to slow down; the request will be tried again.',
  NOT_FOUND: 'The calendar or event was not found at Google.',
  CONFLICT: 'The event already exists at Google.',
  REFUSED: 'Google refused the request.',
  UNREACHABLE: 'Google Calendar could not be reached.',
  TIMEOUT: 'Google Calendar did not answer in time.',
  BAD_RESPONSE: 'Google Calendar gave an answer that could not be read.',
};

const RETRYABLE: ReadonlySet<GoogleProblemCode> = new Set(['RATE_LIMITED', 'UNREACHABLE', 'TIMEOUT']);

export class GoogleCalendarProblem extends Error {
  constructor(
    readonly code: GoogleProblemCode,
    /** What was being done, plus Google's status and reason: a fixed vocabulary, never the driver's text. */
    readonly detail: string,
    /** From Retry-After, when Google sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${MESSAGES[code]} (${detail})`);
    this.name = 'GoogleCalendarProblem';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
const REASON = /^[A-Za-z]{1,40}$/;

function reasonOf(data: unknown): string | undefined {
  const error = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  // The token endpoint answers `{ error: "invalid_grant" }`; the API `{ error: { errors: [{ reason }] } }`.
  if (typeof error === 'string') return /^[a-z_]{1,40}$/.test(error) ? error : undefined;
  const reason = (error as { errors?: { reason?: unknown }[] } | undefined)?.errors?.[0]?.reason;
  return typeof reason === 'string' && REASON.test(reason) ? reason : undefined;
}

export function problemForStatus(status: number, reason: string | undefined, what: string, retryAfter?: number): GoogleCalendarProblem {
  const detail = `${what}: HTTP ${status}${reason ? ` ${reason}` : ''}`;
  if (status === 429 || (status === 403 && reason !== undefined && RATE_REASONS.has(reason))) return new GoogleCalendarProblem('RATE_LIMITED', detail, retryAfter);
  if (status === 401 || reason === 'invalid_grant' || reason === 'unauthorized_client' || reason === 'invalid_client') return new GoogleCalendarProblem('AUTH', detail);
  if (status === 403) return new GoogleCalendarProblem('FORBIDDEN', detail);
  if (status === 404 || status === 410) return new GoogleCalendarProblem('NOT_FOUND', detail);
  if (status === 409) return new GoogleCalendarProblem('CONFLICT', detail);
  if (status >= 500) return new GoogleCalendarProblem('UNREACHABLE', detail, retryAfter);
  return new GoogleCalendarProblem('REFUSED', detail);
}

/** Google's status and reason of a failed call, when it had an answer. */
export function statusOf(error: unknown): { status: number; reason: string | undefined } | null {
  if (!(error instanceof gaxios.GaxiosError) || error.response === undefined) return null;
  return { status: error.response.status, reason: reasonOf(error.response.data) };
}

/**
 * Any failure of the official clients as a GoogleCalendarProblem: an HTTP answer by its status
 * and Google's reason (the token endpoint's `invalid_grant` is AUTH whatever its status), no
 * answer as TIMEOUT or UNREACHABLE.
 */
export function asGoogleProblem(error: unknown, what: string): GoogleCalendarProblem {
  if (error instanceof GoogleCalendarProblem) return error;
  if (error instanceof gaxios.GaxiosError && error.response !== undefined) {
    const { status, data, headers } = error.response;
    return problemForStatus(status, reasonOf(data), what, retryAfterMs(headers.get('retry-after')));
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  // gaxios aborts a request past its `timeout` and wraps the AbortError as the cause; nothing else here aborts.
  const cause = err.cause instanceof Error ? err.cause.name : '';
  if ([err.name, cause].some((name) => name === 'TimeoutError' || name === 'AbortError') || code === 'ETIMEDOUT' || /timeout|timed out/i.test(err.message)) {
    return new GoogleCalendarProblem('TIMEOUT', what);
  }
  if (err instanceof gaxios.GaxiosError || err instanceof TypeError || /ECONN|ENOTFOUND|EHOSTUNREACH|fetch failed|socket/i.test(`${String(code)} ${err.message}`)) {
    return new GoogleCalendarProblem('UNREACHABLE', what);
  }
  return new GoogleCalendarProblem('BAD_RESPONSE', what);
}
