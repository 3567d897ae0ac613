import type { Database } from '@portal/db';
import type { AvailabilityRecord, InterviewDocument } from '@portal/db/documents';
import { normaliseWindows, type AvailabilityRequest } from '@portal/shared/availability';
import type { LifecycleState } from '@portal/shared/lifecycle';
import type { BookingEnv } from '../core/env';
import type { LifecycleClient } from '../lifecycle/lifecycle-client';
import { noticeOf } from '../slots/notice-rules';

/** The candidate's windows as the page, the API and HR show them (docs/adr/0071): UTC instants, the zone they were written in. */
export function availabilityView(record: AvailabilityRecord | null | undefined) {
  if (!record) return null;
  return {
    windows: record.windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
    timezone: record.timezone,
    note: record.note,
    submittedAt: record.submittedAt.toISOString(),
  };
}

/**
 * "None of these times work": the windows checked against the interview (length, horizon, not
 * past; merged where they overlap) and handed to its lifecycle, which searches them at once.
 */
export async function submitAvailability(
  deps: { env: BookingEnv; lifecycle: Pick<LifecycleClient, 'submitAvailability'> },
  interview: InterviewDocument,
  request: AvailabilityRequest,
): Promise<LifecycleState> {
  const { horizonDays } = noticeOf(interview, deps.env);
  const windows = normaliseWindows(request, { durationMinutes: interview.durationMinutes, horizonDays }, Date.now());
  const note = request.note?.trim();
  return deps.lifecycle.submitAvailability(interview._id, { windows, timezone: request.timezone, ...(note ? { note } : {}) });
}

/**
 * Time may have freed for these interviewers (new hours, an override, a cancellation, a move):
 * every lifecycle waiting on a candidate's windows with one of them in its pool searches again now.
 * The waits are few (interviews still unbooked with windows sent), so the collection is read whole.
 * A lost word is not lost time: each waiting lifecycle also searches on its own timer.
 */
export async function tellWaitingLifecycles(
  deps: { db: Database; lifecycle: Pick<LifecycleClient, 'availabilityChanged' | 'loopAvailabilityChanged'> },
  interviewerIds: readonly string[],
): Promise<number> {
  if (interviewerIds.length === 0) return 0;
  const touched = new Set(interviewerIds);
  const waits = await deps.db.availabilityWaits.find({}).lean();
  const told = waits.filter((wait) => wait.interviewerIds.some((id) => touched.has(id)));
  // A loop session's wait is its loop's (docs/adr/0077): the loop searches, told once however many of its sessions were touched.
  const loops = new Set(told.flatMap((wait) => (wait.loopId ? [wait.loopId] : [])));
  const singles = told.filter((wait) => !wait.loopId);
  await Promise.all([
    ...singles.map((wait) => deps.lifecycle.availabilityChanged(wait._id).catch(() => undefined)),
    ...[...loops].map((loopId) => deps.lifecycle.loopAvailabilityChanged(loopId).catch(() => undefined)),
  ]);
  return singles.length + loops.size;
}

/**
 * What a cancel or a move made through this process frees (for the candidates' windows, and for
 * the waitlist's coordinator, docs/adr/0072): the time of an interview whose pool
 * may overlap a waiting candidate's. Told without waiting (the change's answer does not wait on
 * it); a pool with nobody waiting costs one read of the (usually empty) waits.
 */
export function freedTimeNotice(deps: { db: Database; lifecycle: () => Pick<LifecycleClient, 'availabilityChanged' | 'loopAvailabilityChanged' | 'timeFreed'> }, log: (error: unknown) => void) {
  return (interviewId: string): void => {
    void (async () => {
      const [windows, waitlist] = await Promise.all([deps.db.availabilityWaits.estimatedDocumentCount(), deps.db.waitlistEntries.estimatedDocumentCount()]);
      if (windows + waitlist === 0) return;
      const interview = await deps.db.interviews.findById(interviewId, { interviewerIds: 1 }).lean();
      if (interview === null) return;
      // Counted once above: each side is told only when someone waits on it.
      const lifecycle = deps.lifecycle();
      await Promise.all([
        windows > 0 ? tellWaitingLifecycles({ db: deps.db, lifecycle }, interview.interviewerIds) : undefined,
        waitlist > 0 && interview.interviewerIds.length > 0 ? lifecycle.timeFreed(interview.interviewerIds) : undefined,
      ]);
    })().catch(log);
  };
}
