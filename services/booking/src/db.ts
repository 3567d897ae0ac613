import mongoose from 'mongoose';
import {
  COLLECTIONS,
  type ActiveLockDocument,
  type AuditEventDocument,
  type InterviewDocument,
  type InterviewerDocument,
} from '@portal/shared/documents';

export interface MessageLogEntry {
  _id: string;
  interviewId: string;
  kind: string;
  to: string;
  status: string;
  messageId?: string;
  errorCode?: number;
  createdAt: Date;
  updatedAt?: Date;
}

export interface HrUserDocument {
  _id: string;
  email: string;
  role: 'hr' | 'admin';
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface HrSessionDocument {
  _id: string;
  userId: string;
  email: string;
  role: 'hr' | 'admin';
  expiresAt: Date;
  createdAt: Date;
}

export type Database = Awaited<ReturnType<typeof openDatabase>>;

/** One connection for the service's life; collections typed by the shared document shapes. */
export async function openDatabase(url: string) {
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const db = connection.db;
  if (db === undefined) throw new Error('database handle missing after connect');
  const collections = {
    interviews: db.collection<InterviewDocument>(COLLECTIONS.interviews),
    interviewers: db.collection<InterviewerDocument>(COLLECTIONS.interviewers),
    auditEvents: db.collection<AuditEventDocument>(COLLECTIONS.auditEvents),
    activeLocks: db.collection<ActiveLockDocument>(COLLECTIONS.activeLocks),
    messages: db.collection<MessageLogEntry>(COLLECTIONS.messages),
    undeliverable: db.collection<{ _id: string; reason?: string }>(COLLECTIONS.undeliverable),
    hrUsers: db.collection<HrUserDocument>(COLLECTIONS.hrUsers),
    hrSessions: db.collection<HrSessionDocument>(COLLECTIONS.hrSessions),
  };
  await collections.interviews.createIndex({ status: 1, createdAt: -1 });
  await collections.interviews.createIndex({ candidateEmail: 1 });
  await collections.interviews.createIndex({ 'slot.interviewerId': 1, status: 1 });
  await collections.hrUsers.createIndex({ email: 1 }, { unique: true });
  return {
    ...collections,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => connection.close(),
  };
}
