import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { inPool } from './measure';

interface StoredInterview {
  _id: string;
  status: string;
  slot: { start: Date; end: Date; interviewerIds: string[] } | null;
}

/** Pairs of interviews whose booked times overlap for one interviewer: a slot held twice. */
function slotsHeldTwice(interviews: StoredInterview[]): number {
  const byInterviewer = new Map<string, { start: number; end: number }[]>();
  for (const { slot } of interviews) {
    if (slot === null) continue;
    for (const id of slot.interviewerIds) byInterviewer.set(id, [...(byInterviewer.get(id) ?? []), { start: slot.start.getTime(), end: slot.end.getTime() }]);
  }
  let twice = 0;
  for (const slots of byInterviewer.values()) {
    slots.sort((a, b) => a.start - b.start);
    slots.slice(1).forEach((slot, i) => {
      if (slot.start < (slots[i]?.end ?? 0)) twice += 1;
    });
  }
  return twice;
}

/**
 * After the chaos: slots held by more than one interview (from the interview documents, which
 * keep a finished interview's slot), and documents whose status differs from their workflow's
 * `state` query. A lifecycle may be mid-change when read (its window opening), so a difference
 * counts only if it is still there on two later looks, seconds apart.
 */
export async function chaosChecks(mongoUrl: string, temporalAddress: string, interviewIds: string[]) {
  const db = await mongoose.createConnection(mongoUrl).asPromise();
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const interviews = db.collection<StoredInterview>('interviews');
    const all = await interviews.find({}, { projection: { status: 1, slot: 1 } }).toArray();
    const client = portalTemporalClient(connection);
    const differs = async (id: string) => {
      const doc = await interviews.findOne({ _id: id }, { projection: { status: 1 } });
      const state = await client.workflow.getHandle(`interview-${id}`).query<{ status: string }>('state');
      return doc?.status !== state.status ? `${id}: document ${doc?.status ?? 'missing'}, workflow ${state.status}` : null;
    };
    let mismatched = interviewIds;
    for (let look = 0; look < 3 && mismatched.length > 0; look += 1) {
      if (look > 0) await sleep(5_000);
      const found = await inPool(mismatched, 8, async (id) => ((await differs(id)) === null ? null : id));
      mismatched = found.filter((id): id is string => id !== null);
    }
    const details = await Promise.all(mismatched.slice(0, 10).map(differs));
    return { slotsHeldTwice: slotsHeldTwice(all), mismatched: mismatched.length, details: details.filter((d): d is string => d !== null) };
  } finally {
    await connection.close();
    await db.close();
  }
}
