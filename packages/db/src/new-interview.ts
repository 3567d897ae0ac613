import type { InterviewDocument } from './models/interview';
import { interviewSearchKeys } from './models/interview-search';
import { listKeysOf } from './interview-list';

/** A new interview as the invite and a retake create it: INVITED, no slot, no token yet. */
export function newInterviewDocument(
  fields: Pick<
    InterviewDocument,
    | '_id'
    | 'candidateName'
    | 'candidateEmail'
    | 'candidateTimezone'
    | 'locale'
    | 'localeSource'
    | 'position'
    | 'kind'
    | 'kindTitles'
    | 'kit'
    | 'durationMinutes'
    | 'interviewerIds'
    | 'panelSize'
    | 'attempt'
    | 'previousInterviewId'
    | 'rescheduleLimit'
    | 'meetingUrl'
    | 'meetingProvider'
    | 'meetingRoom'
    | 'notice'
    | 'reminders'
  > &
    Partial<Pick<InterviewDocument, 'candidateKeyId' | 'loopId' | 'buffers'>>,
  now: Date,
): InterviewDocument {
  return {
    // Only a kind that asks for buffers fixes them (docs/adr/0066).
    buffers: null,
    ...fields,
    ...interviewSearchKeys(fields),
    ...listKeysOf({ status: 'INVITED', outcome: 'PENDING', createdAt: now }),
    nextInterviewId: null,
    status: 'INVITED',
    outcome: 'PENDING',
    tokenJti: '',
    tokenExpiresAt: now,
    slot: null,
    slotDay: null,
    rescheduleCount: 0,
    candidatePhone: null,
    smsOptIn: false,
    joinedAt: null,
    completedAt: null,
    cancelReason: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}
