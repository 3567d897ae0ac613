import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { outboxPages } from './outbox-pages';
import { postmarkApi } from './postmark-api';
import { SinkStore } from './store';
import { SmsStore } from './sms-store';
import { twilioApi } from './twilio-api';
import { DEV_TWILIO } from '../texts/twilio-defaults';

export interface SinkOptions {
  /** When set, the only X-Postmark-Server-Token accepted; otherwise any non-empty token is. */
  token?: string;
  capacity?: number;
  /** When set, the only Twilio auth token accepted; also what signs the replies forwarded by /sms/inbound. */
  twilioAuthToken?: string;
  /** The portal's inbound SMS webhook, where /sms/inbound forwards a reply that names no url. */
  smsInboundUrl?: string;
}

export interface RunningSink {
  url: string;
  store: SinkStore;
  sms: SmsStore;
  close(): Promise<void>;
}

const failRequest = z.object({
  count: z.coerce.number().int().min(1).max(1000).default(1),
  status: z.coerce.number().int().min(400).max(599).default(500),
  errorCode: z.coerce.number().int().min(0).optional(),
  message: z.string().optional(),
  to: z.string().min(1).optional(),
});

const stallRequest = z.object({
  count: z.coerce.number().int().min(1).max(1000).default(1),
  ms: z.coerce.number().int().min(1).max(600_000),
  to: z.string().min(1).optional(),
});

const messageQuery = z.object({
  to: z.string().optional(),
  subject: z.string().optional(),
  tag: z.string().optional(),
  interviewId: z.string().optional(),
});

/** A Postmark-compatible API, an outbox to read what was sent, and a test API to inspect and inject failures. */
export function createSink(options: SinkOptions = {}): { app: Express; store: SinkStore; sms: SmsStore } {
  const store = new SinkStore(options.capacity);
  const sms = new SmsStore(options.capacity);
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    // Inherited by the srcdoc iframe: email markup may show images and inline styles, never run scripts.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'");
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(postmarkApi(store, options.token));
  app.use(
    twilioApi(sms, store, {
      authToken: options.twilioAuthToken,
      inboundAuthToken: options.twilioAuthToken ?? DEV_TWILIO.authToken,
      inboundUrl: options.smsInboundUrl,
      defaultTo: DEV_TWILIO.from,
    }),
  );
  app.use(outboxPages(store, sms));

  app.get('/api/messages', (req, res) => {
    const filter = messageQuery.safeParse(req.query);
    if (!filter.success) {
      res.status(400).json({ error: z.prettifyError(filter.error) });
      return;
    }
    res.json({ messages: store.list(filter.data) });
  });
  app.get('/api/messages/:id', (req, res) => {
    const message = store.get(req.params.id);
    if (message) res.json(message);
    else res.status(404).json({ error: 'No such message' });
  });
  app.delete('/api/messages', (_req, res) => {
    store.clear();
    sms.clear();
    res.status(204).end();
  });
  app.post('/api/fail', express.json(), (req, res) => {
    const parsed = failRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: z.prettifyError(parsed.error) });
      return;
    }
    const { count, status, errorCode, message, to } = parsed.data;
    store.failNext(count, {
      status,
      errorCode: errorCode ?? (status === 422 ? 300 : 0),
      message: message ?? `Simulated failure (HTTP ${status}) injected through the sink's /api/fail`,
      to,
    });
    res.json({ pending: store.pendingFailures() });
  });
  // The next sends are kept but answered late: the client times out on a message that went out.
  app.post('/api/stall', express.json(), (req, res) => {
    const parsed = stallRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: z.prettifyError(parsed.error) });
      return;
    }
    const { count, ms, to } = parsed.data;
    store.stallNext(count, { ms, to });
    res.json({ pending: store.pendingFailures() });
  });
  app.use((req, res) => {
    res.status(404).json({ error: `Nothing at ${req.method} ${req.path}` });
  });
  app.use(answerWithoutStack);
  return { app, store, sms };
}

/**
 * Express's own error page prints the stack trace outside production; the sink runs in
 * development, so a bad request (a malformed %-escape in a path, a body that is not JSON) gets
 * its status and one sentence instead.
 */
function answerWithoutStack(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown }).status;
  if (error instanceof URIError || (typeof status === 'number' && status >= 400 && status < 500)) {
    const message = error instanceof URIError ? 'The path has a malformed %-escape.' : 'The request could not be read.';
    res.status(typeof status === 'number' ? status : 400).json({ error: message });
    return;
  }
  console.error(error);
  res.status(500).json({ error: 'The sink failed on this request; its log has the details.' });
}

/** Starts the sink on `port` (0 picks a free one) and reports where it listens. */
export async function startSink(options: SinkOptions & { port?: number; host?: string } = {}): Promise<RunningSink> {
  const { app, store, sms } = createSink(options);
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    store,
    sms,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
