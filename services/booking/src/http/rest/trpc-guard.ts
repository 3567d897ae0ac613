import type { RequestHandler } from 'express';

const MESSAGE = 'API keys are accepted on /api/v1 only; the web app’s API takes a console session.';

/**
 * The web app's API takes a console session, or a link token in its input, never a bearer
 * credential: an API key works on /api/v1 only, where its scopes and rate limit apply. Answered in
 * tRPC's own error shape (one per call of a batch), as the session check would have answered.
 */
export const refuseBearerOnTrpc: RequestHandler = (req, res, next) => {
  if (req.headers.authorization === undefined) return next();
  const paths = req.path.replace(/^\//, '').split(',');
  const error = (path: string) => ({
    error: { message: MESSAGE, code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401, path, domainCode: 'UNAUTHORIZED' } },
  });
  res.status(401).json(req.query['batch'] === '1' ? paths.map(error) : error(paths[0] ?? ''));
};
