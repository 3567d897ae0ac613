import type { Database } from '@portal/db';
import type { InterviewerDocument } from '@portal/db/documents';
import type { PanelNotice } from '@portal/shared/lifecycle';
import type { LifecycleClient } from '../lifecycle/lifecycle-client';

type Conflict = Extract<PanelNotice, { kind: 'conflict' }>;

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => a.start < b.end && b.start < a.end;

/**
 * What an edit of an interviewer breaks among their booked interviews still ahead: all of them when
 * deactivated, those under a new stretch of time off otherwise. Read from their day claims (one
 * indexed equality read): the calendar ahead, by interview.
 */
export async function conflictsOfEdit(db: Pick<Database, 'dayClaims'>, before: InterviewerDocument | null, after: InterviewerDocument, now = new Date()) {
  if (before === null) return [];
  const claims = (await db.dayClaims.find({ interviewerId: after._id }, { interviewId: 1, start: 1, end: 1 }).lean()).filter((c) => c.start > now);
  const found = new Map<string, Conflict>();
  for (const claim of claims) {
    if (found.has(claim.interviewId)) continue;
    const at = now.toISOString();
    if (before.active && !after.active) {
      found.set(claim.interviewId, { kind: 'conflict', interviewerId: after._id, reason: 'deactivated', at });
      continue;
    }
    const newOff = after.timeOff.find((off) => overlaps(off, claim) && !before.timeOff.some((old) => overlaps(old, claim)));
    if (newOff) {
      const detail = `${newOff.start.toISOString()} – ${newOff.end.toISOString()}`;
      found.set(claim.interviewId, { kind: 'conflict', interviewerId: after._id, reason: 'time-off', detail, at });
    }
  }
  return [...found.entries()].map(([interviewId, conflict]) => ({ interviewId, conflict }));
}

/**
 * Tells each affected lifecycle at once (a signal each, side by side): the change is pushed from
 * where it was made, so the staleness bound is the signal's delivery, not a polling interval. A
 * lifecycle that is gone (finished since) has nothing to repair.
 */
export async function tellLifecycles(lifecycle: Pick<LifecycleClient, 'panelNotice'>, conflicts: { interviewId: string; conflict: PanelNotice }[]): Promise<void> {
  await Promise.all(conflicts.map(({ interviewId, conflict }) => lifecycle.panelNotice(interviewId, conflict).catch(() => undefined)));
}
