import type { ServerResponse } from 'node:http';

/**
 * Google's JSON error body (https://cloud.google.com/apis/design/errors, the Calendar API's
 * "Handle API errors" page): `{ error: { code, message, errors: [{ domain, reason, message }],
 * status } }`. The client libraries read `errors[0].reason` (rateLimitExceeded, fullSyncRequired,
 * duplicate …) and the status code; nothing else.
 */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors: { domain: string; reason: string; message: string; locationType?: string; location?: string }[];
    status: string;
  };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Thrown by a handler; the server answers it in Google's shape. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly domain = 'global',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): GoogleErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        errors: [{ domain: this.domain, reason: this.reason, message: this.message }],
        status: STATUS_NAMES[this.code] ?? 'UNKNOWN',
      },
    };
  }
}

export const notFound = () => new GoogleApiError(404, 'notFound', 'Not Found');
export const required = (what: string) => new GoogleApiError(400, 'required', `Required: ${what}`);
export const invalid = (message: string) => new GoogleApiError(400, 'invalid', message);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: GoogleApiError): void {
  const headers = error.code === 401 ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"', ...error.headers } : error.headers;
  sendJson(res, error.code, error.body(), headers);
}
