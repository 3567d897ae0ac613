import { availabilityRecordOf, slotFields, type InterviewDocument } from '@portal/db/documents';
import type { LifecycleState } from '@portal/shared/lifecycle';
import { waitlistRecordsOf } from '../waitlist/waitlist';

/**
 * The interview as a change left it, from the update's result over the document read for the
 * link: the lifecycle answers only once the change is persisted, so the document holds the same
 * values, and a read-back would only cost a round trip.
 */
export function interviewAfterChange(interview: InterviewDocument, state: LifecycleState): InterviewDocument {
  return {
    ...interview,
    status: state.status,
    outcome: state.outcome,
    ...slotFields(state.slot),
    rescheduleCount: state.rescheduleCount,
    joinedAt: state.joinedAt === null ? null : new Date(state.joinedAt),
    completedAt: state.completedAt === null ? null : new Date(state.completedAt),
    cancelReason: state.cancelReason,
    nextInterviewId: state.nextInterviewId,
    version: state.version,
    ...(state.availability === undefined ? {} : { availability: availabilityRecordOf(state.availability) }),
    ...waitlistRecordsOf(state),
  };
}
