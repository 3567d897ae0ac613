import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Logger } from 'pino';
import { DomainError } from '@portal/shared/errors';
import { appRouter } from './app-router';
import { createExpressContext, type Deps } from './http/context';
import { codecRoutes } from './privacy/codec-route';
import { faultId } from './http/fault-id';
import { httpStatusOf } from './http/trpc';
import { httpErrors, notFound } from './http/http-errors';
import { icsDownload } from './candidate/ics-route';
import { restApi } from './http/rest/rest-api';
import { ROUTES } from './rest-routes';
import { refuseBearerOnTrpc } from './http/rest/trpc-guard';
import { asksForEvents, wholeAnswers } from './http/whole-answers';
import { GOOGLE_PUSH_PATH, MICROSOFT_PUSH_PATH } from '@portal/shared/calendar-inputs';
import { googlePushReceiver } from './calendars/google-push-route';
import { microsoftPushReceiver } from './calendars/microsoft-push-route';
import { calendarGrantCallback } from './calendars/calendar-grant-route';

/** The HTTP surface: tRPC, the REST API, the calendar download, health and readiness. Built separately from main so tests can serve it. */
export function createApp(deps: Deps, log: Logger, isReady: () => Promise<string | null>) {
  const { env } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Only the listed proxies are believed about the client's address; with none, the peer is the client.
  app.set('trust proxy', env.TRUST_PROXY.length > 0 ? env.TRUST_PROXY : false);
  const servedBy = env.INSTANCE_NAME;
  if (servedBy !== undefined) {
    app.use((_req, res, next) => {
      res.setHeader('x-served-by', servedBy);
      next();
    });
  }
  app.use(
    helmet({
      // The API answers JSON and calendar files, never a page: nothing may load or frame it.
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: env.NODE_ENV === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    }),
  );
  // The slot list is ~50 KB of JSON and ~4 KB compressed (brotli when the client takes it, else
  // gzip). Answers under 1 KB (a refusal) go as they are: tRPC's answers reach it whole and
  // with their length (whole-answers.ts), so the threshold applies to them. The live pages'
  // server-sent events are not compressed: a compressor holds each event back until it fills a block.
  app.use(compression({ filter: (req, res) => !asksForEvents(req) && compression.filter(req, res) }));
  app.get('/healthz', (_req, res) => void res.send('ok'));
  app.get('/readyz', async (_req, res) => {
    const problem = await isReady();
    res.status(problem === null ? 200 : 503).send(problem ?? 'ready');
  });
  app.get('/api/ics/:token', icsDownload(deps, log));
  app.use('/codec', codecRoutes(deps, log));
  app.post(GOOGLE_PUSH_PATH, googlePushReceiver(deps, log));
  app.use(MICROSOFT_PUSH_PATH, microsoftPushReceiver(deps, log));
  app.get('/api/calendar-grants/:provider/callback', calendarGrantCallback(deps, log));
  app.use('/api/v1', restApi(deps, log, ROUTES));
  app.use(
    '/trpc',
    refuseBearerOnTrpc,
    wholeAnswers(),
    createExpressMiddleware({
      router: appRouter,
      createContext: createExpressContext(deps),
      maxBatchSize: env.MAX_BATCH_SIZE,
      maxBodySize: env.MAX_BODY_BYTES,
      // A refusal with a status of its own (an erased candidate's link: 410) answers with it when
      // every call of the request got it; a batch with other answers keeps tRPC's status.
      responseMeta({ errors, info }) {
        const statuses = errors.map(httpStatusOf);
        const [first] = statuses;
        const whole = errors.length > 0 && errors.length === (info?.calls.length ?? 1);
        return whole && first !== undefined && statuses.every((status) => status === first) ? { status: first } : {};
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, errorId: faultId(error), path }, 'procedure failed');
        else if (error.cause instanceof DomainError && error.cause.cause !== undefined) log.warn({ err: error.cause.cause, path }, 'database refused the request');
      },
    }),
  );
  app.use(notFound);
  app.use(httpErrors(log));
  return app;
}
