import type { Database } from '@portal/db';
import type { MessageStatus } from '@portal/db/documents';
import { keyedTurns } from '@portal/shared/keyed-turns';

/**
 * A text's status only moves forward: SENDING/RETRYING → SENT → DELIVERED → BOUNCED (undelivered
 * or failed; a bounce may still follow a delivery, never the other way round). Twilio may report
 * before `messages.create` has answered, and reports may come in any order, so every write of a
 * text's status is conditional on the row being behind it.
 */
const RANK: Partial<Record<MessageStatus, number>> = { SENDING: 0, RETRYING: 0, SENT: 1, DELIVERED: 2, BOUNCED: 3 };

/** The statuses a text may move from to reach `next`. */
export function statusesBefore(next: MessageStatus): MessageStatus[] {
  const rank = RANK[next] ?? 0;
  return (Object.keys(RANK) as MessageStatus[]).filter((status) => (RANK[status] ?? 0) < rank);
}

/** The statuses from which a write of `next` moves a text forward or leaves it where it is. */
export function statusesUpTo(next: MessageStatus): MessageStatus[] {
  return [...statusesBefore(next), next];
}

/** Twilio's delivery statuses as the message log records them; `undefined` moves nothing (queued, sending). */
export function logStatusOf(twilioStatus: string): 'SENT' | 'DELIVERED' | 'BOUNCED' | undefined {
  if (twilioStatus === 'sent') return 'SENT';
  if (twilioStatus === 'delivered') return 'DELIVERED';
  if (twilioStatus === 'undelivered' || twilioStatus === 'failed') return 'BOUNCED';
  return undefined;
}

/**
 * One write at a time to a text's row in this process. FerretDB v1 runs a conditional update as a
 * read and a separate write, so the send path's SENT and a report's DELIVERED racing on one row could
 * both pass their condition and the later write win. A text's reports come to the process that sent
 * it (its callback is that worker's own URL), so taking turns here closes the race there.
 */
export const inRowTurn = keyedTurns();

/**
 * Records Twilio's answer to a send: SENT with its sid, unless a delivery report got there first,
 * in which case the row keeps the report's status and gains the sid and send time only.
 */
export function recordSent(messages: Database['messages'], idempotencyKey: string, sid: string): Promise<void> {
  return inRowTurn(idempotencyKey, () => writeSent(messages, idempotencyKey, sid));
}

async function writeSent(messages: Database['messages'], idempotencyKey: string, sid: string): Promise<void> {
  const sentAt = new Date();
  const clear = { $unset: { error: 1, errorCode: 1 } };
  const moved = await messages.updateOne(
    { _id: idempotencyKey, status: { $in: statusesUpTo('SENT') } },
    { $set: { status: 'SENT', messageId: sid, sentAt }, ...clear },
  );
  if (moved.matchedCount === 0) await messages.updateOne({ _id: idempotencyKey }, { $set: { messageId: sid, sentAt }, ...clear });
}

/** The status callback of one text: Twilio's report names the row by its key, whether or not the row has the sid yet. */
export function statusCallbackOf(statusCallback: string, idempotencyKey: string): string {
  const url = new URL(statusCallback);
  url.searchParams.set('key', idempotencyKey);
  return url.href;
}
