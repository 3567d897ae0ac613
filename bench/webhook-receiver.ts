import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  webhookId: string;
  type: string;
  interviewId: string;
  /** Date.now() when the last byte of the body arrived. */
  at: number;
}

/**
 * An ATS's endpoint on loopback: answers 200 to every delivery and keeps when each arrived, by
 * interview. Signatures are the system tests' job (Standard Webhooks verifier); this only times.
 */
export async function startWebhookReceiver() {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string; data?: { interviewId?: string } };
        arrivals.push({ webhookId: String(req.headers['webhook-id'] ?? ''), type: body.type ?? '?', interviewId: body.data?.interviewId ?? '?', at });
      } catch {
        arrivals.push({ webhookId: String(req.headers['webhook-id'] ?? ''), type: 'unreadable', interviewId: '?', at });
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
