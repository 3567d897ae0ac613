/**
 * Every refusal the domain can give, as one coded error. Services throw it; booking turns it
 * into a TRPCError in exactly one place, workflows into a non-retryable ApplicationFailure
 * whose `type` is the code.
 */
export const DOMAIN_ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'ILLEGAL_TRANSITION',
  'LINK_INVALID',
  'LINK_EXPIRED',
  'LINK_SUPERSEDED',
  /** The candidate's data was erased: their link opens nothing any more (HTTP 410, docs/adr/0048). */
  'LINK_ERASED',
  'INTERVIEW_CANCELLED',
  'SLOT_TAKEN',
  'SLOT_UNAVAILABLE',
  'RESCHEDULE_LIMIT',
  'TOO_LATE_TO_CHANGE',
  'NOT_JOINABLE',
  'ALREADY_EXISTS',
  'RETAKE_REFUSED',
  'ALREADY_APPROVED',
  'ALREADY_SUBMITTED',
  'FEEDBACK_CLOSED',
  'FEEDBACK_INCOMPLETE',
  'CALENDAR_REFUSED',
  /** The database refused to hold a value of the change (a NUL, a document too large): nothing was changed. */
  'STORE_REFUSED',
  /** The lifecycle did not answer in time (overload, a restarting server): the change may or may not have landed. */
  'UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    // A refusal is an answer, not a fault: where it was thrown says nothing to anyone. No frames
    // are captured, so nothing is formatted when tRPC reads the stack of the error it answers;
    // formatting a source-mapped stack (tsx) cost about two milliseconds per refusal, and
    // replacing `stack` after `super` formatted it first.
    const frames = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = frames;
  }
}

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}
