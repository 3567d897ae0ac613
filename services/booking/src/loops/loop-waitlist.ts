import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { LOOP_UPDATES } from '@portal/shared/loops';
import { beforeInstantOf } from '@portal/shared/waitlist';
import type { Deps } from '../http/context';
import { loopClient } from './loop-client';

/** What the candidate asks of a loop's waitlist (docs/adr/0077), each a loop update. */
export type LoopWaitlistChange = { join: { before?: string } } | { leave: true } | { accept: string } | { decline: string };

/** The candidate's change to the loop's waitlist or hold, made by the loop's workflow (its sessions move together). */
export async function changeLoopWaitlist(deps: Pick<Deps, 'temporal' | 'env'>, interview: InterviewDocument, change: LoopWaitlistChange): Promise<void> {
  const loopId = interview.loopId;
  if (!loopId) throw new Error('not a loop’s interview');
  const loops = loopClient(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
  if ('join' in change) {
    const { before } = change.join;
    await loops.update(loopId, LOOP_UPDATES.joinWaitlist, before === undefined ? {} : { before, beforeInstant: beforeInstantOf(before, interview.candidateTimezone) });
  } else if ('leave' in change) await loops.update(loopId, LOOP_UPDATES.leaveWaitlist, undefined);
  else if ('accept' in change) await loops.update(loopId, LOOP_UPDATES.acceptHold, { holdId: change.accept });
  else await loops.update(loopId, LOOP_UPDATES.declineHold, { holdId: change.decline });
}

/**
 * A loop's session as its candidate sees it: the loop's waitlist and hold in the place a single
 * interview keeps its own (the loop's workflow writes them on the loop, docs/adr/0077).
 */
export async function withLoopWaitlist(db: Database, interview: InterviewDocument): Promise<InterviewDocument> {
  // Booked: the waitlist's earlier itinerary; invited: an itinerary offered inside the windows (HR's `offer`).
  if (!interview.loopId || (interview.status !== 'SCHEDULED' && interview.status !== 'INVITED')) return interview;
  const loop = await db.loops.findById(interview.loopId, { waitlist: 1, hold: 1 }).lean();
  return loop ? { ...interview, waitlist: loop.waitlist ?? null, hold: loop.hold ?? null } : interview;
}
