import { teamOf } from '@portal/db/team-scope';
import type { Database } from '@portal/db';
import { activeLockKey, type InterviewDocument } from '@portal/db/documents';
import { ERASED_WEBHOOK_BODY } from '@portal/shared/webhook-events';
import { answersWithoutText, type KitAnswers } from '@portal/shared/kits';

/**
 * Where the portal keeps a candidate's personal data in its database, one rule per place
 * (docs/adr/0030, "Per field"). Erasure applies every rule to every interview of the candidate;
 * export reads the same rows. A new personal field goes here, and both follow.
 *
 * Rules address raw collections by name, so a collection another part of the portal adds (the
 * SMS opt-outs) needs no model here, and a field not there yet is simply not found.
 */
export interface PersonalDataRule {
  collection: string;
  /** The rows of one interview: an equality (top-level, indexed, per the query rules), or null when it has none. */
  rows(interview: InterviewDocument & { candidatePhone?: string | null }): Record<string, unknown> | null;
  /** Delete the rows, or overwrite their personal fields (counts, statuses, times and ids stay). */
  erase: 'delete' | { set?: (row: Record<string, unknown>) => Record<string, unknown>; unset?: string[] };
}

/** What a tombstoned text field holds. */
export const ERASED = 'erased';

export const PERSONAL_DATA: PersonalDataRule[] = [
  {
    collection: 'interviews',
    rows: (interview) => ({ _id: interview._id }),
    erase: {
      set: (row) => ({
        candidateName: ERASED,
        candidateEmail: `${ERASED}-${String(row['_id'])}@erased.invalid`,
        candidateTimezone: 'UTC',
        cancelReason: null,
        emailKey: `${ERASED}:${String(row['_id'])}`,
        nameKey: ERASED,
        firstNameKey: ERASED,
        lastNameKey: ERASED,
        erasedAt: new Date(),
      }),
      // The phone and the SMS choice: no text goes out, and the page shows none (docs/adr/0048).
      // The windows the candidate could come in, with their note (docs/adr/0071).
      unset: ['candidatePhone', 'smsOptIn', 'availability'],
    },
  },
  {
    // A loop's record names the candidate's address (its sessions, rules and times stay).
    collection: 'loops',
    rows: (interview) => (interview.loopId ? { _id: interview.loopId } : null),
    erase: { set: (row) => ({ candidateEmail: `${ERASED}-${String(row['_id'])}@erased.invalid` }) },
  },
  { collection: 'audit_events', rows: (interview) => ({ interviewId: interview._id }), erase: { set: () => ({ detail: '' }) } },
  {
    // The message log keeps ids, kinds, statuses and times: no address, subject or provider text.
    collection: 'messages',
    rows: (interview) => ({ interviewId: interview._id }),
    erase: {
      set: (row) => ({
        to: ERASED,
        subject: ERASED,
        events: ((row['events'] as { type: string; at: Date }[] | undefined) ?? []).map(({ type, at }) => ({ type, at })),
      }),
      unset: ['error'],
    },
  },
  // Notes and the kit's free-text answers go; ratings, yes/no answers and recommendations stay (docs/adr/0065).
  {
    collection: 'scorecards',
    rows: (interview) => ({ interviewId: interview._id }),
    erase: { set: (row) => ({ notes: '', answers: answersWithoutText(row['answers'] as KitAnswers | undefined) }) },
  },
  {
    collection: 'webhook_events',
    rows: (interview) => ({ interviewId: interview._id }),
    // The erasure's own event holds ids only and may still be on its way to the endpoints: it stays.
    erase: { set: (row) => (row['type'] === 'interview.erased' ? {} : { body: ERASED_WEBHOOK_BODY }) },
  },
  { collection: 'undeliverable_addresses', rows: (interview) => ({ _id: interview.candidateEmail.toLowerCase() }), erase: 'delete' },
  { collection: 'active_interview_locks', rows: (interview) => ({ _id: activeLockKey(interview.candidateEmail, interview.position, teamOf(interview)) }), erase: 'delete' },
  { collection: 'sms_opt_outs', rows: (interview) => (interview.candidatePhone ? { _id: interview.candidatePhone } : null), erase: 'delete' },
];

function collection(db: Database, name: string) {
  const raw = db.connection.db;
  if (!raw) throw new Error('no database on the connection');
  return raw.collection<Record<string, unknown>>(name);
}

/** The rows every rule finds for one interview, by collection (what an export shows). */
export async function personalRows(db: Database, interview: InterviewDocument): Promise<Record<string, Record<string, unknown>[]>> {
  const found: Record<string, Record<string, unknown>[]> = {};
  for (const rule of PERSONAL_DATA) {
    const filter = rule.rows(interview);
    if (filter === null) continue;
    const rows = await collection(db, rule.collection).find(filter).toArray();
    if (rows.length > 0) found[rule.collection] = [...(found[rule.collection] ?? []), ...rows];
  }
  return found;
}

/** Applies every rule to one interview. Rules run in order, the interview itself first, and each is idempotent. */
export async function erasePersonalRows(db: Database, interview: InterviewDocument): Promise<void> {
  for (const rule of PERSONAL_DATA) {
    const filter = rule.rows(interview);
    if (filter === null) continue;
    const rows = collection(db, rule.collection);
    if (rule.erase === 'delete') {
      await rows.deleteMany(filter);
      continue;
    }
    const { set, unset = [] } = rule.erase;
    for (const row of await rows.find(filter).toArray()) {
      const update: Record<string, Record<string, unknown>> = {};
      const fields = set?.(row) ?? {};
      if (Object.keys(fields).length > 0) update['$set'] = fields;
      const present = unset.filter((field) => field in row);
      if (present.length > 0) update['$unset'] = Object.fromEntries(present.map((field) => [field, '']));
      if (Object.keys(update).length > 0) await rows.updateOne({ _id: row['_id'] }, update);
    }
  }
}
