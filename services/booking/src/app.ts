import express from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Logger } from 'pino';
import { appRouter } from './app-router';
import { createExpressContext, type Deps } from './context';
import { codecRoutes } from './codec-route';
import { icsDownload } from './ics-route';

/** The HTTP surface: tRPC, the calendar download, health and readiness. Built separately from main so tests can serve it. */
export function createApp(deps: Deps, log: Logger, isReady: () => Promise<string | null>) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => void res.send('ok'));
  app.get('/readyz', async (_req, res) => {
    const problem = await isReady();
    res.status(problem === null ? 200 : 503).send(problem ?? 'ready');
  });
  app.get('/api/ics/:token', icsDownload(deps, log));
  app.use('/codec', codecRoutes(deps, log));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: createExpressContext(deps),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error, path }, 'procedure failed');
      },
    }),
  );
  return app;
}
