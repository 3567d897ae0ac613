import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Database } from '@portal/db';
import { foldListMoves, listMoves, readListPage, recordListMoves } from '@portal/db/interview-list';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import type { PersistChangeInput } from '../activities-api';
import { createChangePersister } from './persist-change';

const quiet = { logger: new DefaultLogger('ERROR', () => undefined) };
const HOUR = 3_600_000;
let db: Database;

/** Each write of a change, made to fail the way the store refuses a NUL: a real one, sent through the real driver. */
type Write = 'list moves' | 'audit row' | 'document';

/**
 * The database with one write of a change given a NUL the PostgreSQL backend cannot hold (SQLSTATE
 * 22P05), so FerretDB refuses that write and only that one. The list moves carry no text of the
 * change, so a NUL is put into them here; the audit row and the document take it from the change.
 */
function refusing(write: Write): Database {
  if (write !== 'list moves') return db;
  const listMovesModel = Object.create(db.listMoves) as Database['listMoves'];
  listMovesModel.create = ((doc: { moves: { row: string }[] }) =>
    db.listMoves.create({ ...doc, moves: doc.moves.map((move) => ({ ...move, row: `${move.row}\u0000` })) })) as unknown as Database['listMoves']['create'];
  return { ...db, listMoves: listMovesModel };
}

function cancelWithNulAt(write: Write, id: string, version: number): PersistChangeInput {
  return {
    interviewId: id,
    version,
    from: 'SCHEDULED',
    to: 'CANCELLED',
    event: 'CANCEL',
    actor: 'candidate',
    detail: write === 'audit row' ? 'cancelled: why\u0000not' : 'cancelled: why not',
    set: { cancelReason: write === 'document' ? 'why\u0000not' : 'why not' },
  };
}

const persistWith = (database: Database, change: PersistChangeInput) =>
  new MockActivityEnvironment({}, quiet).run(createChangePersister({ db: database }), change);

/** A booked interview (version 1), counted in HR's list as an invitation would count it. */
async function bookedInterview(id: string): Promise<void> {
  const doc = sampleInterview(id);
  await db.interviews.create(doc);
  await recordListMoves(db, `${id}:0`, listMoves(doc, null, doc));
  const start = new Date(Date.now() + 48 * HOUR).toISOString();
  const slot = { start, end: new Date(Date.parse(start) + HOUR).toISOString(), interviewerId: 'grace', interviewerTimezone: 'UTC', panel: [], claimId: `${id}@${start}` };
  await persistWith(db, { interviewId: id, version: 0, from: 'INVITED', to: 'SCHEDULED', event: 'BOOK', actor: 'candidate', detail: `booked ${start}`, set: { slot } });
}

/** What HR would see of the interview: its status, its timeline and the lists it is counted in. */
async function seenByHr(id: string) {
  const doc = await db.interviews.findById(id).lean();
  const audit = await db.auditEvents.find({ interviewId: id }).lean();
  const listed = async (status: 'SCHEDULED' | 'CANCELLED') => (await readListPage(db, { status }, 1, 50)).items.map((item) => item._id).filter((itemId) => itemId === id).length;
  return {
    status: doc?.status,
    version: doc?.version,
    cancelReason: doc?.cancelReason,
    timeline: audit.map((event) => event.type).sort(),
    inScheduled: await listed('SCHEDULED'),
    inCancelled: await listed('CANCELLED'),
  };
}

beforeAll(async () => {
  db = await openTestDatabase('persist_change');
});

afterAll(async () => {
  await db?.close();
});

describe('a change the store refuses', () => {
  for (const write of ['list moves', 'audit row', 'document'] as const) {
    it(`refused at the ${write}: fails as STORE_REFUSED at once, leaves no half-change, and the next change lands`, async () => {
      const id = `refused-${write.replace(' ', '-')}`;
      await bookedInterview(id);
      const before = await seenByHr(id);
      expect(before).toMatchObject({ status: 'SCHEDULED', version: 1, inScheduled: 1, inCancelled: 0 });

      const refused = await persistWith(refusing(write), cancelWithNulAt(write, id, 1)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ApplicationFailure);
      expect(refused).toMatchObject({ type: 'STORE_REFUSED', nonRetryable: true });
      expect((refused as Error).message).not.toMatch(/SQLSTATE|\.go:/);
      expect(await seenByHr(id)).toEqual(before);
      // The fold counts whatever was recorded; what it counts must still say the same.
      await foldListMoves(db);
      expect(await seenByHr(id)).toEqual(before);

      await persistWith(db, { ...cancelWithNulAt('list moves', id, 1), detail: 'cancelled: changed my mind', set: { cancelReason: 'changed my mind' } });
      const after = { status: 'CANCELLED', version: 2, cancelReason: 'changed my mind', timeline: ['BOOK', 'CANCEL'], inScheduled: 0, inCancelled: 1 };
      expect(await seenByHr(id)).toEqual(after);
      await foldListMoves(db);
      expect(await seenByHr(id)).toEqual(after);
    });
  }

  it('the same change sent again after its refusal was undone (a retried workflow task) lands, counted once', async () => {
    const id = 'sent-again';
    await bookedInterview(id);
    // The document write refused once, by a NUL put into it on its way to the store.
    let refusals = 0;
    const refusingOnce = Object.create(db.interviews) as Database['interviews'];
    refusingOnce.updateOne = ((filter: object, update: { $set: Record<string, unknown> }) =>
      db.interviews.updateOne(filter, refusals++ === 0 ? { $set: { ...update.$set, cancelReason: 'why\u0000not' } } : update)) as never;
    const flaky = { ...db, interviews: refusingOnce };
    const change = { ...cancelWithNulAt('list moves', id, 1), detail: 'cancelled', set: { cancelReason: null } };
    await expect(persistWith(flaky, change)).rejects.toMatchObject({ type: 'STORE_REFUSED' });
    await persistWith(flaky, change);
    const after = { status: 'CANCELLED', version: 2, cancelReason: null, timeline: ['BOOK', 'CANCEL'], inScheduled: 0, inCancelled: 1 };
    expect(await seenByHr(id)).toEqual(after);
    await foldListMoves(db);
    expect(await seenByHr(id)).toEqual(after);
  });

  it('a write that fails for the moment is thrown as it is, for the activity to retry, and the retry lands once', async () => {
    const id = 'transient';
    await bookedInterview(id);
    const dropped = Object.create(db.auditEvents) as Database['auditEvents'];
    dropped.create = (() => Promise.reject(Object.assign(new Error('connection 4 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' }))) as never;
    const change = { ...cancelWithNulAt('list moves', id, 1), detail: 'cancelled', set: { cancelReason: null } };
    const failed = await persistWith({ ...db, auditEvents: dropped }, change).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).not.toBeInstanceOf(ApplicationFailure);
    expect(failed).toMatchObject({ name: 'MongoNetworkError' });
    await persistWith(db, change);
    await foldListMoves(db);
    expect(await seenByHr(id)).toEqual({ status: 'CANCELLED', version: 2, cancelReason: null, timeline: ['BOOK', 'CANCEL'], inScheduled: 0, inCancelled: 1 });
  });
});
