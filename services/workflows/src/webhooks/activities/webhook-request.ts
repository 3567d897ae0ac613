import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostKey, refusedAddress } from '@portal/shared/webhook-address';

/**
 * One POST to a webhook endpoint, guarded against SSRF where the connection is made: the
 * addresses the host name resolves to are checked by the socket's own lookup, so the address
 * checked is the address connected to (no second resolution a rebinding DNS could answer
 * differently). A literal address is checked before connecting. Redirects are never followed:
 * a 3xx is an answer like any other non-2xx, a failure.
 */
export class RefusedWebhookAddress extends Error {}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowedHosts: Set<string>;
}

/** The whole exchange outlasted its deadline. */
export class WebhookTimeout extends Error {}

export interface WebhookAnswer {
  statusCode: number;
  /** The first bytes of the answer: digested for the delivery log, never kept (webhook-answer-note.ts). */
  head: Buffer;
  /** The answer's whole length in bytes. */
  bytes: number;
}

const EXCERPT_BYTES = 200;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type ResolveAll = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: ResolveAll = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true }, callback);

/** A socket `lookup` that refuses the host when any address it resolves to is not public; the shapes Node asks for (one address, or all). */
export function guardedLookup(resolveAll: ResolveAll = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveAll(hostname, options, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => refusedAddress(a.address)).find((problem) => problem !== null);
      if (refused !== undefined) return callback(new RefusedWebhookAddress(`${hostname} resolves to a refused address: ${refused}`), []);
      const first = addresses[0];
      if (first === undefined) return callback(new RefusedWebhookAddress(`${hostname} resolves to no address`), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

const checkedLookup = guardedLookup();

export function postWebhook(post: WebhookPost): Promise<WebhookAnswer> {
  const url = new URL(post.url);
  const host = hostKey(url.hostname);
  const allowed = post.allowedHosts.has(host);
  if (!allowed && isIP(host) !== 0) {
    const refused = refusedAddress(host);
    if (refused !== null) return Promise.reject(new RefusedWebhookAddress(refused));
  }
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    timeout: post.timeoutMs,
    ...(allowed ? {} : { lookup: checkedLookup as RequestOptions['lookup'] }),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, head: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES), bytes: size }));
      response.on('error', reject);
    });
    // The whole exchange has one deadline, not only each idle gap of the socket.
    const deadline = setTimeout(() => request.destroy(new WebhookTimeout(`no answer within ${post.timeoutMs} ms`)), post.timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => request.destroy(new WebhookTimeout(`no answer within ${post.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(post.body);
  });
}
