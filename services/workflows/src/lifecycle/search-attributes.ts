import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed keys for the custom attributes ops search lifecycles by (registered by the dev server). */
export const InterviewIdKey = defineSearchAttributeKey('InterviewId', SearchAttributeType.KEYWORD);
export const CandidateEmailKey = defineSearchAttributeKey('CandidateEmail', SearchAttributeType.KEYWORD);
export const InterviewStatusKey = defineSearchAttributeKey('InterviewStatus', SearchAttributeType.KEYWORD);
export const ScheduledStartKey = defineSearchAttributeKey('ScheduledStart', SearchAttributeType.DATETIME);
export const AttemptKey = defineSearchAttributeKey('Attempt', SearchAttributeType.INT);
