/** How a failed Postmark request should be treated. */
export interface PostmarkFailure {
  /** True when sending the same message again cannot succeed: record it and move on. */
  permanent: boolean;
  statusCode: number;
  errorCode: number;
  message: string;
}

/**
 * 422 is Postmark's "this message is wrong" answer (ErrorCode 300 invalid request, 406 inactive
 * recipient, ...), and 400/413 are the same kind of fault; retrying them only repeats the refusal.
 * Everything else is worth retrying: 5xx and 429 pass, network errors and timeouts carry no status,
 * and 401/403/404 are configuration faults that start working once ops fix the token or URL.
 */
const PERMANENT_STATUSES = new Set([400, 413, 422]);

export function classifyPostmarkFailure(error: unknown): PostmarkFailure {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  const statusCode = typeof fields.statusCode === 'number' ? fields.statusCode : 0;
  const errorCode = typeof fields.code === 'number' ? fields.code : 0;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  return { permanent: PERMANENT_STATUSES.has(statusCode), statusCode, errorCode, message };
}
