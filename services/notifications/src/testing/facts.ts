import type { InterviewEmailFacts } from '@portal/shared/email';

export function sampleFacts(overrides: Partial<InterviewEmailFacts> = {}): InterviewEmailFacts {
  return {
    interviewId: 'iv_0001',
    candidateName: 'Ada Lovelace',
    candidateEmail: 'ada@example.test',
    candidateTimezone: 'Europe/Berlin',
    position: 'Backend Engineer',
    kindLabel: 'Technical interview',
    attempt: 1,
    link: 'https://portal.example.test/i/abc.def.ghi',
    start: '2026-03-10T13:00:00.000Z',
    end: '2026-03-10T14:00:00.000Z',
    calendarSequence: 0,
    hrEmail: 'hr@example.test',
    ...overrides,
  };
}
