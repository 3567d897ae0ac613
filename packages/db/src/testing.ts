import mongoose from 'mongoose';
import { databaseOn, type Database } from './database';
import type { InterviewDocument, InterviewerDocument } from './documents';
import { newInterviewDocument } from './new-interview';

/** URL of a database of the caller's own on the server the test setup started (MONGO_URL names the server). */
export function testDatabaseUrl(name: string): string {
  const serverUrl = process.env.MONGO_URL;
  if (!serverUrl) throw new Error('MONGO_URL is not set: run through the workspace test setup, or start FerretDB/MongoDB and export it');
  const [base = '', query] = serverUrl.split('?');
  const hostPart = base.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+).*$/, '$1');
  return `${hostPart}/${name}_${process.pid}${query ? `?${query}` : ''}`;
}

/** A fresh database with every model and index, dropped on close so runs leave nothing behind. */
export async function openTestDatabase(name: string): Promise<Database> {
  const connection = await mongoose.createConnection(testDatabaseUrl(name), { serverSelectionTimeoutMS: 5000, autoIndex: false }).asPromise();
  await connection.dropDatabase();
  const db = await databaseOn(connection);
  return {
    ...db,
    close: async () => {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

type InterviewFields = Parameters<typeof newInterviewDocument>[0];

/** An invited interview as invitation writes it, for tests; `fields` changes what a test needs. */
export function sampleInterview(id: string, fields: Partial<InterviewFields> = {}, now = new Date()): InterviewDocument {
  return newInterviewDocument(
    {
      _id: id,
      candidateName: `Candidate ${id}`,
      candidateEmail: `${id}@example.test`,
      candidateTimezone: 'UTC',
      position: 'Backend Engineer',
      kind: 'technical',
      durationMinutes: 60,
      interviewerIds: ['grace'],
      panelSize: 1,
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: 3,
      meetingUrl: `https://meet.example.test/${id}`,
      ...fields,
    },
    now,
  );
}

/** An interviewer open every hour of every day in UTC, with no buffers, taking `maxPerDay` a day. */
export function alwaysOpenInterviewer(id: string, maxPerDay: number): InterviewerDocument {
  return {
    _id: id,
    name: id,
    email: `${id}@example.test`,
    timezone: 'UTC',
    weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay,
    active: true,
    updatedAt: new Date(),
  };
}
