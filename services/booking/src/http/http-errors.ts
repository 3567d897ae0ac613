import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { faultId, faultMessage } from './fault-id';
import { storeRefusal } from './store-errors';

/** Every answer outside tRPC that is not a success has this shape: a code and a sentence, never a stack. */
export interface HttpErrorBody {
  error: { code: string; message: string; errorId?: string };
}

type Problem = HttpErrorBody['error'];

const NOT_FOUND: Problem = { code: 'NOT_FOUND', message: 'Nothing here.' };
const UNREADABLE: Problem = { code: 'BAD_REQUEST', message: 'The request could not be read.' };
const UNAVAILABLE: Problem = { code: 'SERVICE_UNAVAILABLE', message: 'The portal cannot reach its database just now; try again in a minute.' };
const TOO_LARGE: Problem = { code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' };

function problemOf(status: number): Problem {
  if (status === 404) return NOT_FOUND;
  return status === 413 ? TOO_LARGE : UNREADABLE;
}

/** A failure of ours: logged whole under an id; the answer carries the id and nothing else of it. */
export function internalProblem(log: Logger, error: unknown, context: Record<string, unknown>): Problem & { errorId: string } {
  const errorId = faultId(typeof error === 'object' && error !== null ? error : { error });
  log.error({ err: error, errorId, ...context }, 'request failed');
  return { code: 'INTERNAL_SERVER_ERROR', message: faultMessage(errorId), errorId };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: NOT_FOUND } satisfies HttpErrorBody);
};

/**
 * The path as a log may hold it: the matched route's pattern (`/api/ics/:token`) rather than the
 * bearer token a candidate's path carries; outside a route, any segment long enough to be a token
 * is masked.
 */
export function loggablePath(req: Pick<Request, 'baseUrl' | 'path' | 'route'>): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.path.replace(/[^/]{32,}/g, '[redacted]');
}

function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * The one error handler of every express route. A request express itself could not take (a
 * malformed %-escape in the path, say) is the client's error: 400. Anything else is logged with
 * its stack under an error id and answered with a 500 that names nothing of the server but that id.
 */
export function httpErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (storeRefusal(error)?.code === 'UNAVAILABLE') {
      log.warn({ err: error, path: loggablePath(req) }, 'database unavailable');
      return void res.status(503).json({ error: UNAVAILABLE } satisfies HttpErrorBody);
    }
    const status = statusOf(error);
    const problem = status === 500 ? internalProblem(log, error, { path: loggablePath(req) }) : problemOf(status);
    res.status(status).json({ error: problem } satisfies HttpErrorBody);
  };
}
