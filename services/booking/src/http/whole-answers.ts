import type { Request, RequestHandler } from 'express';

/** A browser's EventSource asks for `text/event-stream`: a subscription, answered as a stream. */
export const asksForEvents = (req: Request): boolean => req.headers.accept?.includes('text/event-stream') === true;

/** A chunk as `write` and `end` take it; `encoding` may be the callback instead. */
function asBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/**
 * tRPC's HTTP adapter writes every answer as a stream: its body, then the end. Each answer went
 * out chunked, in two socket writes, with no length, so compression's size threshold never
 * applied and a 100-byte refusal got its own compressor. Nothing booking answers is streamed
 * (the web app's link batches whole answers; there are no subscriptions), so the body is
 * collected and sent with its length in one write; compression, mounted before this, then
 * compresses only answers above its threshold (the slot list, not a refusal). A live page's
 * stream (server-sent events, docs/adr/0033) is the exception: it must go out as it is written.
 */
export function wholeAnswers(): RequestHandler {
  return (req, res, next) => {
    if (asksForEvents(req)) return next();
    const chunks: Buffer[] = [];
    const end = res.end.bind(res) as (chunk?: Buffer) => void;
    res.write = ((chunk: unknown, encoding?: unknown, done?: unknown) => {
      chunks.push(asBuffer(chunk, encoding));
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown, done?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        chunks.push(asBuffer(chunk, encoding));
      }
      const body = Buffer.concat(chunks);
      if (!res.headersSent) res.setHeader('Content-Length', body.length);
      end(body);
      const callback = [chunk, encoding, done].find((arg) => typeof arg === 'function');
      if (callback) res.once('finish', callback as () => void);
      return res;
    }) as typeof res.end;
    next();
  };
}
