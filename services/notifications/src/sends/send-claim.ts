import { isDuplicateKeyError, type Database } from '@portal/db';
import { ACCEPTED_STATUSES } from '@portal/db/documents';
import type { SendEmailInput, SendEmailResult } from '@portal/shared/email';

/**
 * Either this attempt must send, or the message was settled earlier and here is how. `afterEarlier`:
 * an earlier attempt got as far as sending, so Postmark may hold the message already.
 */
export type SendClaim = { send: true; afterEarlier: boolean } | { send: false; result: SendEmailResult };

/**
 * The log row a first attempt claims its send with (alone here, or in a batch in held-batches.ts).
 * The audit line rides on this insert: a sent reminder's trail entry costs no write of its own.
 */
export function sendingRow({ facts, kind, idempotencyKey, audit }: SendEmailInput, subject: string, sms?: { to: string }) {
  const to = sms?.to ?? facts.recipient?.email ?? facts.candidateEmail;
  const channel = sms ? { channel: 'sms' as const } : {};
  return { _id: idempotencyKey, interviewId: facts.interviewId, kind, ...channel, to, subject, status: 'SENDING' as const, attempts: 1, ...(audit ? { audit } : {}) };
}

/**
 * Decides whether this attempt may send. Every decision that two racers could both make is an
 * insert under a unique _id, because FerretDB's conditional updates are not atomic:
 * the first attempt inserts the log row itself; a later attempt inserts a takeover row.
 *
 * A row still SENDING means another attempt is in flight, or died mid-send. Until `leaseMs` has
 * passed since it started we assume the former and throw, so Temporal asks again later; once it
 * has, the attempt is presumed dead and the message is taken over.
 */
export async function claimSend(
  { messages, sendTakeovers }: Pick<Database, 'messages' | 'sendTakeovers'>,
  input: SendEmailInput, subject: string, leaseMs: number, sms?: { to: string }): Promise<SendClaim> {
  const { idempotencyKey } = input;
  try {
    await messages.create(sendingRow(input, subject, sms));
    return { send: true, afterEarlier: false };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const existing = await messages.findById(idempotencyKey).lean();
  if (!existing) throw new Error(`Message log row ${idempotencyKey} vanished after a duplicate key error`);
  if (ACCEPTED_STATUSES.includes(existing.status)) return { send: false, result: { status: 'DUPLICATE_SKIPPED', messageId: existing.messageId } };
  if (existing.status === 'FAILED') return { send: false, result: { status: 'FAILED', errorCode: existing.errorCode } };
  if (existing.status === 'SENDING' && Date.now() - existing.updatedAt.getTime() < leaseMs) {
    throw new Error(`Another attempt is sending ${idempotencyKey}; retrying later`);
  }
  const attempt = existing.attempts + 1;
  try {
    // One row per retry that took over: `<idempotencyKey>#<attempt>`, unique, so only one taker wins.
    await sendTakeovers.create({ _id: `${idempotencyKey}#${attempt}`, at: new Date() });
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new Error(`Another attempt took over ${idempotencyKey}; retrying later`);
    throw error;
  }
  await messages.updateOne({ _id: idempotencyKey }, { $set: { status: 'SENDING', attempts: attempt } });
  return { send: true, afterEarlier: true };
}
