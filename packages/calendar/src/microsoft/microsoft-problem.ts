import { AuthError } from '@azure/msal-node';
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';

/** Why a Microsoft 365 calendar could not be used, in the terms HR and the retry policy act on (the Google module's codes). */
export type MicrosoftProblemCode = 'AUTH' | 'FORBIDDEN' | 'RATE_LIMITED' | 'NOT_FOUND' | 'CONFLICT' | 'REFUSED' | 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE';

const MESSAGES: Record<MicrosoftProblemCode, string> = {
  AUTH: 'Microsoft refused the calendar connection: the grant was revoked or the app is not consented.',
  FORBIDDEN: 'Microsoft does not let this connection use that calendar.',
  RATE_LIMITED: 'Microsoft Graph asked us to slow down; the request will be tried again.',
  NOT_FOUND: 'The mailbox, event or subscription was not found at Microsoft.',
  CONFLICT: 'The event already exists at Microsoft.',
  REFUSED: 'Microsoft Graph refused the request.',
  UNREACHABLE: 'Microsoft Graph could not be reached.',
  TIMEOUT: 'Microsoft Graph did not answer in time.',
  BAD_RESPONSE: 'Microsoft Graph gave an answer that could not be read.',
};

const RETRYABLE: ReadonlySet<MicrosoftProblemCode> = new Set(['RATE_LIMITED', 'UNREACHABLE', 'TIMEOUT']);

export class MicrosoftCalendarProblem extends Error {
  constructor(
    readonly code: MicrosoftProblemCode,
    /** What was being done, plus Microsoft's status and error code: a fixed vocabulary, never the driver's text. */
    readonly detail: string,
    /** From Retry-After, when Microsoft sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${MESSAGES[code]} (${detail})`);
    this.name = 'MicrosoftCalendarProblem';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const CODE = /^[A-Za-z_]{1,60}$/;
const safeCode = (code: unknown): string | undefined => (typeof code === 'string' && CODE.test(code) ? code : undefined);

/** Entra ID's OAuth errors that mean the grant or the app's credentials no longer hold: HR has to act. */
const AUTH_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'interaction_required', 'consent_required', 'login_required', 'no_tokens_found', 'invalid_scope']);

export function problemForStatus(status: number, code: string | undefined, what: string, retryAfter?: number): MicrosoftCalendarProblem {
  const detail = `${what}: HTTP ${status}${code ? ` ${code}` : ''}`;
  if (status === 429) return new MicrosoftCalendarProblem('RATE_LIMITED', detail, retryAfter);
  if (status === 401 || (code !== undefined && AUTH_ERRORS.has(code))) return new MicrosoftCalendarProblem('AUTH', detail);
  if (status === 403) return new MicrosoftCalendarProblem('FORBIDDEN', detail);
  if (status === 404 || status === 410) return new MicrosoftCalendarProblem('NOT_FOUND', detail);
  if (status === 409) return new MicrosoftCalendarProblem('CONFLICT', detail);
  if (status >= 500) return new MicrosoftCalendarProblem('UNREACHABLE', detail, retryAfter);
  return new MicrosoftCalendarProblem('REFUSED', detail);
}

/**
 * The token source's failure, carried through the Graph client untouched: the client passes a
 * GraphClientError on as it is, and wraps anything else into a GraphError without its fields.
 */
export function authFailure(problem: MicrosoftCalendarProblem): GraphClientError {
  const carrier = new GraphClientError(problem.message);
  carrier.customError = problem;
  return carrier;
}

function fromMsal(error: AuthError, what: string): MicrosoftCalendarProblem {
  const code = safeCode(error.errorCode);
  const status = (error as { status?: unknown }).status;
  if (code === 'network_error' || code === 'endpoints_resolution_error' || code === 'openid_config_error') {
    return new MicrosoftCalendarProblem(/timeout/i.test(error.errorMessage) ? 'TIMEOUT' : 'UNREACHABLE', `${what}: token ${code}`);
  }
  if (typeof status === 'number' && status >= 400 && !(code !== undefined && AUTH_ERRORS.has(code))) return problemForStatus(status, code, `${what}: token`);
  if (code !== undefined && AUTH_ERRORS.has(code)) return new MicrosoftCalendarProblem('AUTH', `${what}: token ${code}`);
  return new MicrosoftCalendarProblem('BAD_RESPONSE', `${what}: token${code ? ` ${code}` : ''}`);
}

/** Graph's status and error code of a failed call, when it had an answer. */
export function statusOf(error: unknown): { status: number; code: string | undefined } | null {
  if (!(error instanceof GraphError) || error.statusCode < 100) return null;
  return { status: error.statusCode, code: safeCode(error.code) };
}

/**
 * Any failure of the official clients as a MicrosoftCalendarProblem: a Graph answer by its status
 * and error code, a token endpoint's refusal by its OAuth error (`invalid_grant` is AUTH), no
 * answer as TIMEOUT or UNREACHABLE.
 */
export function asMicrosoftProblem(error: unknown, what: string): MicrosoftCalendarProblem {
  if (error instanceof MicrosoftCalendarProblem) return error;
  if (error instanceof GraphClientError && error.customError instanceof MicrosoftCalendarProblem) return error.customError;
  if (error instanceof AuthError) return fromMsal(error, what);
  const answered = statusOf(error);
  if (answered !== null && error instanceof GraphError) {
    const headers = error.headers as Headers | undefined;
    return problemForStatus(answered.status, answered.code, what, retryAfterMs(headers?.get('retry-after')));
  }
  // No answer: the Graph client names the fetch failure by its error's name (TypeError, TimeoutError).
  const name = error instanceof GraphError ? String(error.code) : error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new MicrosoftCalendarProblem('TIMEOUT', what);
  if (name === 'TypeError' || name === 'FetchError') return new MicrosoftCalendarProblem('UNREACHABLE', what);
  return new MicrosoftCalendarProblem('BAD_RESPONSE', what);
}
