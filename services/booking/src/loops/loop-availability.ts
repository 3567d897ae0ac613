import type { InterviewDocument } from '@portal/db/documents';
import { normaliseWindows, type AvailabilityRequest } from '@portal/shared/availability';
import type { Deps } from '../http/context';
import { noticeOf } from '../slots/notice-rules';
import { requireLoop } from './loop-of-interview';
import { loopClient } from './loop-client';

/**
 * "None of these times work" from a loop's link (docs/adr/0077): the windows checked against the
 * loop (each at least as long as its shortest session, within the furthest horizon of its
 * sessions; merged where they overlap) and handed to the loop's workflow, which keeps them on
 * every session and searches whole itineraries inside them.
 */
export async function submitLoopAvailability(deps: Pick<Deps, 'db' | 'env' | 'temporal'>, interview: InterviewDocument, request: AvailabilityRequest): Promise<void> {
  const found = await requireLoop(deps.db, interview, { reuseLinkRead: true });
  const horizonDays = Math.max(...found.sessions.map((s) => noticeOf(s, deps.env).horizonDays));
  const durationMinutes = Math.min(...found.sessions.map((s) => s.durationMinutes));
  const windows = normaliseWindows(request, { durationMinutes, horizonDays }, Date.now());
  const note = request.note?.trim();
  await loopClient(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE).submitAvailability(found.loop._id, { windows, timezone: request.timezone, ...(note ? { note } : {}) });
}
