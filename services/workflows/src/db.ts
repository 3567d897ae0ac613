import mongoose from 'mongoose';
import {
  COLLECTIONS,
  type ActiveLockDocument,
  type AuditEventDocument,
  type DayClaimDocument,
  type InterviewDocument,
  type InterviewerDocument,
  type SlotClaimDocument,
} from '@portal/shared/documents';

export type Database = Awaited<ReturnType<typeof openDatabase>>;

/**
 * One connection for the worker's life. Collections are typed by the shared document shapes;
 * atomic claims rely only on unique `_id` inserts, which FerretDB v1 honours under concurrency.
 */
export async function openDatabase(url: string) {
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const db = connection.db;
  if (db === undefined) throw new Error('database handle missing after connect');
  const collections = {
    interviews: db.collection<InterviewDocument>(COLLECTIONS.interviews),
    interviewers: db.collection<InterviewerDocument>(COLLECTIONS.interviewers),
    slotClaims: db.collection<SlotClaimDocument>(COLLECTIONS.slotClaims),
    dayClaims: db.collection<DayClaimDocument>(COLLECTIONS.dayClaims),
    auditEvents: db.collection<AuditEventDocument>(COLLECTIONS.auditEvents),
    activeLocks: db.collection<ActiveLockDocument>(COLLECTIONS.activeLocks),
  };
  await collections.slotClaims.createIndex({ claimId: 1 });
  await collections.dayClaims.createIndex({ claimId: 1 });
  await collections.auditEvents.createIndex({ interviewId: 1, at: 1 });
  return {
    ...collections,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => connection.close(),
  };
}
