import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Microsoft Graph's JSON error body ("Microsoft Graph error responses and resource types"):
 * `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`, with the
 * request id also in the `request-id` header. The Graph client reads `error.code` and the status.
 */
export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

/** Thrown by a handler; the server answers it in Graph's shape. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(requestId: string): GraphErrorBody {
    return { error: { code: this.code, message: this.message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } } };
  }
}

export const itemNotFound = () => new GraphApiError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const invalidUser = (id: string) => new GraphApiError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
export const accessDenied = () => new GraphApiError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
export const badRequest = (message: string, code = 'ErrorInvalidRequest') => new GraphApiError(400, code, message);
export const noSuchPath = () => new GraphApiError(400, 'BadRequest', 'Resource not found for the segment.');

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: GraphApiError): void {
  const requestId = randomUUID();
  const challenge: Record<string, string> =
    error.status === 401 ? { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' } : {};
  sendJson(res, error.status, error.body(requestId), { 'request-id': requestId, 'client-request-id': requestId, ...challenge, ...error.headers });
}
