import { inTeam, teamOf } from '@portal/db/team-scope';
import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import type { CandidateRecords } from './candidate-interviews';
import { eraseCandidate, type ErasureDeps, type ErasureResult } from './erasure';

export const DEFAULT_PERSONAL_DATA_DAYS = 180;
const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  personalDataDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function readRetentionPolicy(db: Database): Promise<RetentionPolicy> {
  const doc = await db.retentionPolicy.findById('retention').lean();
  return doc
    ? { personalDataDays: doc.personalDataDays, updatedAt: doc.updatedAt.toISOString(), updatedBy: doc.updatedBy }
    : { personalDataDays: DEFAULT_PERSONAL_DATA_DAYS, updatedAt: null, updatedBy: null };
}

export async function saveRetentionPolicy(db: Database, personalDataDays: number, actor: string): Promise<RetentionPolicy> {
  const updatedAt = new Date();
  await db.retentionPolicy.replaceOne({ _id: 'retention' }, { _id: 'retention', personalDataDays, updatedAt, updatedBy: actor }, { upsert: true });
  return { personalDataDays, updatedAt: updatedAt.toISOString(), updatedBy: actor };
}

/** Ended for good: nothing more will happen to it unless HR starts something new. */
function endedAt(interview: InterviewDocument): Date | null {
  switch (interview.status) {
    case 'CANCELLED':
    case 'EXPIRED':
    case 'ARCHIVED':
      return interview.updatedAt;
    case 'COMPLETED':
    case 'NO_SHOW':
      return interview.outcome === 'PENDING' ? null : interview.updatedAt;
    default:
      return null;
  }
}

export interface DueCandidate extends CandidateRecords {
  candidateName: string;
  candidateEmail: string;
  lastEndedAt: Date;
  dueAt: Date;
}

/**
 * The candidates whose personal data the policy says to erase at `now`: every interview of theirs
 * has ended (an outcome set, or cancelled, expired, archived) and the last ended more than the
 * policy's days ago. The dry run and the real run both call this, so they list the same set.
 *
 * It reads the interviews collection whole (a scan on FerretDB), which the query rules allow
 * for a job that runs once a day and reads ids and dates only.
 */
export async function dueForErasure(db: Database, now: Date): Promise<DueCandidate[]> {
  const policy = await readRetentionPolicy(db);
  const keepMs = policy.personalDataDays * DAY_MS;
  const all = await db.interviews.find({ erasedAt: null }).lean();
  const byCandidate = new Map<string, InterviewDocument[]>();
  for (const interview of all) {
    // A candidate of two teams is two candidates here (each team keeps its own key for them).
    const candidate = interview.candidateKeyId ?? `email:${teamOf(interview)}:${interview.emailKey}`;
    byCandidate.set(candidate, [...(byCandidate.get(candidate) ?? []), interview]);
  }
  const due: DueCandidate[] = [];
  for (const interviews of byCandidate.values()) {
    const ends = interviews.map(endedAt);
    if (ends.some((end) => end === null)) continue;
    const lastEndedAt = new Date(Math.max(...ends.map((end) => (end as Date).getTime())));
    const dueAt = new Date(lastEndedAt.getTime() + keepMs);
    if (dueAt > now) continue;
    interviews.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const latest = interviews[interviews.length - 1] as InterviewDocument;
    const keyIds = [...new Set(interviews.flatMap((i) => (i.candidateKeyId ? [i.candidateKeyId] : [])))];
    due.push({ interviews, keyIds, candidateName: latest.candidateName, candidateEmail: latest.candidateEmail, lastEndedAt, dueAt });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The dry run's report: what the run at `now` (the Schedule's next run) would erase. */
export async function retentionReport(db: Database, now = new Date()) {
  const [policy, due] = await Promise.all([readRetentionPolicy(db), dueForErasure(db, now)]);
  return {
    policy,
    asOf: now.toISOString(),
    candidates: due.map((candidate) => ({
      candidateName: candidate.candidateName,
      candidateEmail: candidate.candidateEmail,
      interviewIds: candidate.interviews.map((interview) => interview._id),
      lastEndedAt: candidate.lastEndedAt.toISOString(),
      dueAt: candidate.dueAt.toISOString(),
    })),
  };
}

export type RetentionReport = Awaited<ReturnType<typeof retentionReport>>;

/** The real run: the same selection, each candidate erased as on request (no message: their interviews are all over). */
export async function applyRetention(deps: ErasureDeps, now = new Date()): Promise<ErasureResult[]> {
  const results: ErasureResult[] = [];
  for (const candidate of await dueForErasure(deps.db, now)) {
    // In the candidate's team, as that team's own erasure runs: its claims on the candidate's key are that team's (docs/adr/0076).
    const team = teamOf(candidate.interviews[candidate.interviews.length - 1] ?? {});
    results.push(await inTeam({ team }, () => eraseCandidate(deps, candidate, { actor: 'retention policy', notify: false, trigger: 'retention' })));
  }
  return results;
}
