import { TRPCClientError } from '@trpc/client';
import { isDomainErrorCode, type DomainErrorCode } from '@portal/shared/errors';

export interface ApiProblem {
  /** The domain's refusal code, or null when the server could not be reached or gave no code. */
  code: DomainErrorCode | null;
  message: string;
  /** Flattened zod field errors for BAD_REQUEST, and the field a domain refusal names, under its path. */
  fieldErrors: Record<string, string[]>;
}

const UNREACHABLE = 'We could not reach the server. Check your connection and try again.';

/** Reads any thrown value from the tRPC client into the few facts a page needs. */
export function toApiProblem(error: unknown): ApiProblem {
  if (!(error instanceof TRPCClientError)) {
    return { code: null, message: error instanceof Error ? error.message : UNREACHABLE, fieldErrors: {} };
  }
  const data: unknown = error.data;
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const code = isDomainErrorCode(record['domainCode']) ? record['domainCode'] : null;
  // Without a data payload the response was not a tRPC answer (proxy error page, network failure).
  const message = data === undefined || data === null ? UNREACHABLE : error.message;
  const fieldErrors = readFieldErrors(record['zodError']);
  const field = record['field'];
  if (typeof field === 'string' && fieldErrors[field] === undefined) fieldErrors[field] = [error.message];
  return { code, message, fieldErrors };
}

function readFieldErrors(zodError: unknown): Record<string, string[]> {
  if (typeof zodError !== 'object' || zodError === null) return {};
  const fieldErrors = (zodError as { fieldErrors?: unknown }).fieldErrors;
  if (typeof fieldErrors !== 'object' || fieldErrors === null) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages)) result[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return result;
}
