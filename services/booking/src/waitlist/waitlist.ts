import type { Database } from '@portal/db';
import { holdRecordOf, waitlistRecordOf, type HoldRecord, type InterviewDocument, type WaitlistRecord } from '@portal/db/documents';
import type { LifecycleState } from '@portal/shared/lifecycle';
import { beforeInstantOf } from '@portal/shared/waitlist';
import type { LifecycleClient } from '../lifecycle/lifecycle-client';

/**
 * The waitlist and the hold as the page, the API and HR show them (docs/adr/0072, 0073): an earlier
 * time only while the booking stands, a time offered inside the windows only while the invitation does.
 */
export function waitlistView(interview: Pick<InterviewDocument, 'status' | 'waitlist' | 'hold'>) {
  const booked = interview.status === 'SCHEDULED';
  const hold = interview.hold;
  const purpose = hold?.purpose ?? 'earlier';
  const open = hold && (purpose === 'window' ? interview.status === 'INVITED' : booked);
  return {
    waitlist: booked && interview.waitlist ? { joinedAt: interview.waitlist.joinedAt.toISOString(), before: interview.waitlist.before } : null,
    hold: open ? { id: hold.id, start: hold.start.toISOString(), end: hold.end.toISOString(), expiresAt: hold.expiresAt.toISOString(), purpose } : null,
  };
}

/** The document's records from the lifecycle's state after a change; a hold not yet recorded by its lifecycle is none. */
export function waitlistRecordsOf(state: LifecycleState): { waitlist?: WaitlistRecord | null; hold?: HoldRecord | null } {
  return {
    ...(state.waitlist === undefined ? {} : { waitlist: waitlistRecordOf(state.waitlist) }),
    ...(state.hold === undefined ? {} : { hold: state.hold?.announced ? holdRecordOf(state.hold) : null }),
  };
}

/** Joins the waitlist: `before` is a day in the candidate's zone, sent to the lifecycle with its first instant. */
export function joinWaitlist(lifecycle: Pick<LifecycleClient, 'joinWaitlist'>, interview: InterviewDocument, before: string | undefined) {
  return lifecycle.joinWaitlist(interview._id, before === undefined ? {} : { before, beforeInstant: beforeInstantOf(before, interview.candidateTimezone) });
}

/**
 * Time may have freed for these interviewers: the waitlist's coordinator hears of it when anyone
 * waits (an empty waitlist costs one count). Its word is taken in turn, so this may be said twice.
 */
export async function tellWaitlist(deps: { db: Database; lifecycle: Pick<LifecycleClient, 'timeFreed'> }, interviewerIds: readonly string[]): Promise<void> {
  if (interviewerIds.length === 0 || (await deps.db.waitlistEntries.estimatedDocumentCount()) === 0) return;
  await deps.lifecycle.timeFreed([...interviewerIds]);
}
