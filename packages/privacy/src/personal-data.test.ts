import { describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { ERASED_WEBHOOK_BODY } from '@portal/shared/webhook-events';
import { erasePersonalRows } from './personal-data';

type Row = Record<string, unknown>;

/** The few collection calls the rules make, over rows in memory (equality filters only, as the rules use). */
function memoryDatabase(collections: Record<string, Row[]>): Database {
  const matches = (row: Row, filter: Row) => Object.entries(filter).every(([key, value]) => row[key] === value);
  const collection = (name: string) => {
    const rows = (collections[name] ??= []);
    return {
      find: (filter: Row) => ({ toArray: async () => rows.filter((row) => matches(row, filter)).map((row) => ({ ...row })) }),
      deleteMany: async (filter: Row) => {
        collections[name] = rows.filter((row) => !matches(row, filter));
      },
      updateOne: async (filter: Row, update: { $set?: Row; $unset?: Row }) => {
        if (update.$set !== undefined && Object.keys(update.$set).length === 0) throw new Error("'$set' is empty");
        const row = rows.find((candidate) => matches(candidate, filter));
        if (row === undefined) return;
        Object.assign(row, update.$set ?? {});
        for (const field of Object.keys(update.$unset ?? {})) delete row[field];
      },
    };
  };
  return { connection: { db: { collection } } } as unknown as Database;
}

const interview = {
  _id: 'int_1',
  candidateName: 'Ada Lovelace',
  candidateEmail: 'ada@example.test',
  candidateTimezone: 'Europe/London',
  candidatePhone: '+447700900123',
  smsOptIn: true,
  position: 'Engineer',
  loopId: null,
  cancelReason: null,
} as unknown as InterviewDocument;

describe('erasing the personal rows of an interview', () => {
  it('clears the phone and the SMS choice, so no text goes out and the page offers none', async () => {
    const collections = { interviews: [{ ...interview } as Row] };
    await erasePersonalRows(memoryDatabase(collections), interview);
    const [erased] = collections.interviews;
    expect(erased).toMatchObject({ candidateName: 'erased', candidateEmail: 'erased-int_1@erased.invalid' });
    expect(erased).not.toHaveProperty('candidatePhone');
    expect(erased).not.toHaveProperty('smsOptIn');
  });

  it("empties the stored webhook events that name the candidate and keeps the erasure's own, which holds ids only", async () => {
    const erasedEvent = JSON.stringify({ type: 'interview.erased', version: 1, id: 'evt_int_1_3', data: { interviewId: 'int_1', previousInterviewId: null, attempt: 1, status: 'CANCELLED' } });
    const collections = {
      webhook_events: [
        { _id: 'evt_int_1_1', type: 'interview.invited', interviewId: 'int_1', body: JSON.stringify({ data: { candidate: { name: 'Ada Lovelace' } } }) },
        { _id: 'evt_int_1_3', type: 'interview.erased', interviewId: 'int_1', body: erasedEvent },
      ] as Row[],
    };
    await erasePersonalRows(memoryDatabase(collections), interview);
    expect(collections.webhook_events.map((row) => row['body'])).toEqual([ERASED_WEBHOOK_BODY, erasedEvent]);
  });

  it('empties a scorecard’s notes and its kit’s free-text answers, and keeps its ratings, yes/no answers and recommendation', async () => {
    const collections = {
      scorecards: [{ _id: 'int_1|grace', interviewId: 'int_1', rating: 3, recommendation: 'YES', notes: 'Ada explained it well.', answers: { depth: 4, hire: true, evidence: 'Ada sketched the queue.' } }] as Row[],
    };
    await erasePersonalRows(memoryDatabase(collections), interview);
    expect(collections.scorecards[0]).toMatchObject({ rating: 3, recommendation: 'YES', notes: '', answers: { depth: 4, hire: true } });
    expect(JSON.stringify(collections.scorecards)).not.toContain('Ada');
  });
});
