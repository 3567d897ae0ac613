import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { webhookPayload, type WebhookPayload } from '@portal/shared/webhook-events';

/** One request as the receiver got it, verified with the Standard Webhooks reference library. */
export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  body: string;
  /** The payload if the signature verified and the body matched the versioned schema; null otherwise. */
  payload: WebhookPayload | null;
  problem: string | null;
  at: number;
}

/** What a path answers, in turn: a status, a status with a body, or `hold` (the request is kept open until `release`). */
export type Answer = number | { status: number; body: string } | 'hold';

/**
 * A webhook receiver on loopback for the system tests: each path is one endpoint, with the secret
 * HR got when it was created, and a script of answers (200 once the script is spent).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const scripts = new Map<string, Answer[]>();
  const held: ServerResponse[] = [];

  function verify(path: string, body: string, headers: IncomingMessage['headers']): { payload: WebhookPayload | null; problem: string | null } {
    const secret = secrets.get(path);
    if (secret === undefined) return { payload: null, problem: 'no secret for this path' };
    try {
      const signed = new Webhook(secret).verify(body, headers as Record<string, string>);
      const parsed = webhookPayload.safeParse(signed);
      if (!parsed.success) return { payload: null, problem: `payload: ${parsed.error.message}` };
      if (parsed.data.id !== headers['webhook-id']) return { payload: null, problem: 'payload id is not the webhook-id' };
      return { payload: parsed.data, problem: null };
    } catch (error) {
      return { payload: null, problem: String(error) };
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        path,
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        body,
        ...verify(path, body, request.headers),
        at: Date.now(),
      });
      const answer = scripts.get(path)?.shift() ?? 200;
      if (answer === 'hold') return void held.push(response);
      if (typeof answer === 'number') return void response.writeHead(answer).end();
      response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: (path: string, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    /** The secret the endpoint at `path` signs with. */
    expect(path: string, secret: string, answers: Answer[] = []): void {
      secrets.set(path, secret);
      scripts.set(path, answers);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    release(): void {
      for (const response of held.splice(0)) if (!response.destroyed) response.writeHead(200).end();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
