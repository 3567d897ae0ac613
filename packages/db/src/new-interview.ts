import type { InterviewDocument } from './models/interview';
import { interviewSearchKeys } from './models/interview-search';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { listKeysOf } from './interview-list';
import { currentScope } from './models/team-scope';

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
    Partial<Pick<InterviewDocument, 'candidateKeyId' | 'loopId' | 'buffers' | 'team'>>,
  now: Date,
): InterviewDocument {
  // The team it is given (a retake, its first interview's), else the request's (team-scope.ts).
  const team = fields.team ?? currentScope()?.team ?? DEFAULT_TEAM;
  return {
    // Only a kind that asks for buffers fixes them (docs/adr/0066).
    buffers: null,
    ...fields,
    team,
    ...interviewSearchKeys(fields),
    ...listKeysOf({ status: 'INVITED', outcome: 'PENDING', createdAt: now, team }),
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
