import type { InterviewEmailFacts } from '../email';

/** One interview's email facts for tests, with whatever a test changes. */
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
    // The waitlist's offer (docs/adr/0072): an earlier time, held until an hour before it.
    hold: { start: '2026-03-09T09:00:00.000Z', end: '2026-03-09T10:00:00.000Z', expiresAt: '2026-03-09T08:00:00.000Z' },
    ...overrides,
  };
}
