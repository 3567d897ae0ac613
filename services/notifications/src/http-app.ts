import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
}

export interface HttpDeps {
  readiness: () => Promise<Readiness>;
  webhooks: Router;
  log: Logger;
}

/** /healthz says the process is up; /readyz that it can do its work (database reachable, worker polling). */
export function createHttpApp({ readiness, webhooks, log }: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const result = await readiness();
    res.status(result.ready ? 200 : 503).json(result);
  });
  app.use(webhooks);
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error }, 'request failed');
    res.status(500).json({ error: 'Internal error' });
  });
  return app;
}
