import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Deps } from '../context';
import { credentialsFor, refuseMissingScopes } from './credentials';
import { createIdempotency, readIdempotencyKey, type Answer } from './idempotency';
import { createKeyConcurrency, createKeyLimit } from './key-limit';
import { openApiDocument } from './openapi';
import { ApiRefusal, problemOf } from './problem';
import { referencePage } from './reference-page';
import type { Route } from './route';

const EMPTY = z.object({});
const API_VERSION = '1.0.0';

/** `/interviews/{id}` → `/interviews/:id`. */
const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** body-parser's refusals (malformed JSON, too large) in the API's words. */
function unreadable(error: unknown): ApiRefusal {
  const status = (error as { status?: unknown }).status;
  if (status === 413) return new ApiRefusal(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiRefusal(400, 'BAD_INPUT', 'The request body is not valid JSON.');
  return error as ApiRefusal;
}

/**
 * The REST API v1 (docs/adr/0023): each route reads its input with pieces of the procedures' own
 * schemas and calls the procedures in-process, so every rule stays in one place; its answers and
 * refusals are mapped to HTTP here and nowhere else.
 */
export function restApi(deps: Deps, log: Logger, routes: Route[]): Router {
  const router = Router();
  const takeKeyCall = createKeyLimit(deps);
  const enterKeyCall = createKeyConcurrency(deps.env.API_CONCURRENT_CALLS_PER_KEY);
  const once = createIdempotency(deps.db.connection);
  const readJson = express.json({ limit: deps.env.MAX_BODY_BYTES });
  const document = openApiDocument(routes, API_VERSION);

  const bodyOf = (req: Request, res: Response) =>
    new Promise<unknown>((resolve, reject) => readJson(req, res, (error?: unknown) => (error ? reject(unreadable(error)) : resolve(req.body ?? {}))));

  function handle(route: Route) {
    return async (req: Request, res: Response) => {
      let headers: Record<string, string> = {};
      let leave: (() => void) | undefined;
      try {
        const { context, principal, token } = await credentialsFor(route, req, res, deps);
        if (principal !== undefined) {
          leave = enterKeyCall(principal.keyId);
          headers = await takeKeyCall(principal.keyId);
        }
        refuseMissingScopes(route, principal);
        const idempotencyKey = route.idempotent ? readIdempotencyKey(req.get('Idempotency-Key')) : undefined;
        const params = (route.params ?? EMPTY).parse(req.params);
        const query = (route.query ?? EMPTY).parse(req.query);
        const body = route.body === undefined ? {} : route.body.parse(await bodyOf(req, res));
        const caller = route.callerFor(context);
        const run = async (): Promise<Answer> => ({ status: route.status, body: await route.run({ params, query, body, caller, token }) });
        const answer =
          idempotencyKey === undefined || principal === undefined
            ? { ...(await run()), replayed: false }
            : await once(principal.keyId, idempotencyKey, body, run);
        if (answer.replayed) headers['Idempotent-Replayed'] = 'true';
        res.status(answer.status).set(headers).json(answer.body);
      } catch (error) {
        const problem = problemOf(error, log, { operationId: route.operationId });
        res.status(problem.status).set({ ...headers, ...problem.headers }).json(problem.body);
      } finally {
        leave?.();
      }
    };
  }

  router.get('/openapi.json', (_req, res) => void res.json(document));
  router.use('/docs', referencePage());
  for (const route of routes) router[route.method](expressPath(route.path), handle(route));
  router.use((_req, res) => void res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such API route; see /api/v1/openapi.json.' } }));
  return router;
}
