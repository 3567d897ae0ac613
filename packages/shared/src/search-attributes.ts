/** Custom search attributes every lifecycle carries; the dev server registers them at start. */
export const SEARCH_ATTRIBUTES = {
  InterviewId: 'Keyword',
  CandidateEmail: 'Keyword',
  InterviewStatus: 'Keyword',
  ScheduledStart: 'Datetime',
  Attempt: 'Int',
} as const;

export function interviewWorkflowId(interviewId: string): string {
  return `interview-${interviewId}`;
}

export const LIFECYCLE_TASK_QUEUE = 'interview-lifecycle';
