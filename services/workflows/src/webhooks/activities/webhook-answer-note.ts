import { createHmac } from 'node:crypto';
import { RefusedWebhookAddress, WebhookTimeout, type WebhookAnswer } from './webhook-request';

/**
 * What the portal keeps of a receiver's answer (docs/adr/0048): its status, its length and a
 * fixed-length digest of its first bytes, never its words. An ATS's error may quote the candidate
 * ("no applicant ada@example.com"), and the note goes to the delivery log, the worker's log and
 * Temporal (the attempt's failure message, in clear in every history), none of which erasure
 * reaches. The digest is keyed by the endpoint's secret: the ATS, which holds it, can tell which
 * of its answers it was; a reader of the log cannot test guesses against it without the secret.
 */
const DIGEST_HEX = 16;

export function answerDigest(secret: string, head: Buffer): string {
  return createHmac('sha256', secret).update(head).digest('hex').slice(0, DIGEST_HEX);
}

/** A non-2xx answer as the log keeps it: `answered 500 (83-byte body, digest 1f…)`. */
export function answerNote(answer: WebhookAnswer, secret: string): string {
  const { statusCode, bytes, head } = answer;
  if (statusCode >= 300 && statusCode < 400) return `redirect (${statusCode}) not followed`;
  return bytes === 0 ? `answered ${statusCode}` : `answered ${statusCode} (${bytes}-byte body, digest ${answerDigest(secret, head)})`;
}

/**
 * A request that got no answer, in our words: the refused address or the deadline as we gave
 * them, a socket's failure by its code alone (a TLS or parser message may carry the peer's bytes).
 */
export function connectionNote(error: unknown): string {
  if (error instanceof RefusedWebhookAddress) return `refused address: ${error.message}`;
  if (error instanceof WebhookTimeout) return error.message;
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
  return code !== null && /^[A-Z0-9_]{1,40}$/.test(code) ? `connection failed (${code})` : 'connection failed';
}
