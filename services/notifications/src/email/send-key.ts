import { createHash } from 'node:crypto';
import type { Models, ServerClient } from 'postmark';

/** The metadata field that carries a message's send key to Postmark and back. */
export const SEND_KEY_FIELD = 'sendKey';

/**
 * The idempotency key as Postmark can hold it: metadata values are limited to 80 characters, and
 * an interview's key (id, kind, slot start, variant) can exceed that. 128 bits of SHA-256.
 */
export function sendKeyOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
}

/**
 * The MessageID of a message Postmark already accepted under this send key, if any: the answer
 * for a retry whose earlier attempt may have sent before it lost the reply (a timeout, a crash).
 * Postmark's search sees a message shortly after accepting it; retries come seconds later.
 */
export async function acceptedMessageId(
  postmark: Pick<ServerClient, 'getOutboundMessages'>,
  idempotencyKey: string,
): Promise<string | undefined> {
  const filter = { count: 1, offset: 0, [`metadata_${SEND_KEY_FIELD}`]: sendKeyOf(idempotencyKey) };
  const found = await postmark.getOutboundMessages(filter as Models.OutboundMessagesFilteringParameters);
  return found.Messages[0]?.MessageID;
}
