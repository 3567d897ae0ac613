import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through proxy in front of a stand-in that can hold the first request matching `hold`
 * unanswered (its body read) until told to pass it on: a write the stand-in has not yet seen while
 * the worker that sent it dies. With `renameUpstream`, answers that name the stand-in's own
 * address (Graph's paging and delta links, Entra's OpenID document) name the proxy instead, so a
 * client given the proxy keeps to it.
 */
export async function holdingProxy(upstreamUrl: string, { renameUpstream = false }: { renameUpstream?: boolean } = {}) {
  const upstream = new URL(upstreamUrl);
  let rule: ((req: IncomingMessage) => boolean) | null = null;
  let held: { release: () => void } | null = null;
  let onHeld: (() => void) | null = null;
  let ownHost = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = () => {
        // A connection of its own (no pooled keep-alive socket): the held request is passed on
        // seconds later, when a pooled socket may be closing at the stand-in's end, and a write
        // lost that way is the very thing the crash tests must tell from a portal's fault.
        const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent: false }, (answer) => {
          if (!renameUpstream) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(body).toString('utf8').split(upstream.host).join(ownHost);
            // The body is sent whole with its new length, never in chunks.
            const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'transfer-encoding' && name !== 'content-length'));
            res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': Buffer.byteLength(text) });
            res.end(text);
          });
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (rule?.(req)) {
        rule = null;
        held = { release: forward };
        onHeld?.();
        return;
      }
      forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ownHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${ownHost}/`,
    /** The same address named https: what the Microsoft clients are given (they speak plain HTTP to a loopback host). */
    secureUrl: `https://${ownHost}`,
    /** Holds the next request `matches` accepts; resolves once one is held. */
    hold(matches: (req: IncomingMessage) => boolean): Promise<void> {
      rule = matches;
      return new Promise((resolve) => {
        onHeld = resolve;
      });
    },
    /** Passes the held request on to the stand-in (its sender may be gone by now). */
    release(): void {
      held?.release();
      held = null;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
