import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Every answer outside tRPC that is not a success has this shape: a code and a sentence, never a stack. */
export interface HttpErrorBody {
  error: { code: string; message: string };
}

type Problem = HttpErrorBody['error'];

const NOT_FOUND: Problem = { code: 'NOT_FOUND', message: 'Nothing here.' };
const UNREADABLE: Problem = { code: 'BAD_REQUEST', message: 'The request could not be read.' };
const TOO_LARGE: Problem = { code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' };
const FAILED: Problem = { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong; try again later.' };

function problemOf(status: number): Problem {
  if (status === 404) return NOT_FOUND;
  if (status === 413) return TOO_LARGE;
  return status === 500 ? FAILED : UNREADABLE;
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: NOT_FOUND } satisfies HttpErrorBody);
};

function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * The one error handler of every express route. A request express itself could not take (a
 * malformed %-escape in the path, say) is the client's error: 400. Anything else is logged with
 * its stack and answered with a plain 500 that names nothing of the server.
 */
export function httpErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    if (status === 500) log.error({ err: error, path: req.path }, 'request failed');
    res.status(status).json({ error: problemOf(status) } satisfies HttpErrorBody);
  };
}
