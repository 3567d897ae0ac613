import { isDuplicateKeyError, type Database } from '@portal/db';

/**
 * Postmark posts a record again when our answer did not reach it, and a person can replay one
 * from its activity page: the record is applied once. Each applied record takes a row keyed by
 * what Postmark says it is, one insert guarded by the unique `_id`, so of two copies arriving at
 * once exactly one goes on (a read first would let both through).
 *
 * The key is the record's type and its id: a Bounce or SpamComplaint carries its own `ID`; a
 * Delivery has none and is one per recipient of a message, and every message of ours has one
 * recipient, so its MessageID names it. A bounce's key keeps its MessageID too: `ID` is a 64-bit
 * number that JSON reading rounds past 2^53, and two rounded ids would also need one message.
 * docs/adr/0050-postmark-records-applied-once.md.
 */
export type PostmarkRecord = { RecordType: 'Delivery'; MessageID: string } | { RecordType: 'Bounce' | 'SpamComplaint'; ID: string; MessageID: string };

export function recordKey(record: PostmarkRecord): string {
  return record.RecordType === 'Delivery' ? `Delivery|${record.MessageID}` : `${record.RecordType}|${record.ID}|${record.MessageID}`;
}

export interface RecordClaim {
  /** Gives the record back, so Postmark's retry of a record that could not be applied is applied then. */
  release: () => Promise<void>;
}

/** The record's claim, or `null` when it was applied before (a replay). */
export async function claimRecord(records: Database['postmarkRecords'], record: PostmarkRecord, at: Date): Promise<RecordClaim | null> {
  const _id = recordKey(record);
  try {
    await records.create({ _id, messageId: record.MessageID, at });
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
  return { release: async () => void (await records.deleteOne({ _id })) };
}
