import { describe, expect, it } from 'vitest';
import { newInterviewDocument } from '@portal/db/new-interview';
import type { InterviewDocument } from '@portal/db/documents';
import { candidateView } from './candidate-view';
import { loadEnv } from '../core/env';
import { toInterviewRecord } from '../interviews/interview-record';

const DAY = 86_400_000;
const env = loadEnv({});
const invitedAt = Date.parse('2030-01-07T09:00:00.000Z');
/** As the lifecycle issues it: the invitation expires after 7 days; the token 21 + 2 days (the horizon) after that. */
const invitationExpiry = invitedAt + 7 * DAY;
const tokenExpiry = invitationExpiry + 23 * DAY;

function interview(status: InterviewDocument['status']): InterviewDocument {
  const doc = newInterviewDocument(
    {
      _id: '00000000-0000-4000-8000-000000000001',
      candidateName: 'Ada Lovelace',
      candidateEmail: 'ada@example.test',
      candidateTimezone: 'Europe/London',
      position: 'Engineer',
      kind: 'technical',
      durationMinutes: 45,
      interviewerIds: ['demo-grace'],
      panelSize: 1,
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: 2,
      meetingUrl: null,
      notice: { minNoticeMinutes: 60, horizonDays: 21, changeCutoffMinutes: 60 },
      reminders: null,
    },
    new Date(invitedAt),
  );
  const start = new Date(invitedAt + 3 * DAY);
  const slot = status === 'INVITED' || status === 'EXPIRED' ? null : { start, end: new Date(start.getTime() + 45 * 60_000), interviewerId: 'demo-grace', interviewerIds: ['demo-grace'] };
  return { ...doc, status, tokenExpiresAt: new Date(tokenExpiry), slot: slot as InterviewDocument['slot'] };
}

const linkExpiry = (doc: InterviewDocument) => ({
  record: toInterviewRecord(doc, env).linkExpiresAt,
  view: candidateView(doc, [], env, 'token', invitedAt, null).linkExpiresAt,
});

describe('when the candidate’s link stops working', () => {
  it('unbooked, it is the invitation’s expiry (7 days), not the token’s 30', () => {
    const at = new Date(invitationExpiry).toISOString();
    expect(linkExpiry(interview('INVITED'))).toEqual({ record: at, view: at });
    expect(linkExpiry(interview('EXPIRED'))).toEqual({ record: at, view: at });
  });

  it('booked, the link works on until the token’s own expiry', () => {
    const at = new Date(tokenExpiry).toISOString();
    expect(linkExpiry(interview('SCHEDULED'))).toEqual({ record: at, view: at });
    expect(linkExpiry(interview('COMPLETED'))).toEqual({ record: at, view: at });
  });

  it('unbooked with windows sent, it is the last window’s end when that is after the invitation’s expiry', () => {
    const windowEnd = invitationExpiry + 4 * DAY;
    const windows = (ends: number[]) => ({
      windows: ends.map((end) => ({ start: new Date(end - 3 * 3_600_000), end: new Date(end) })),
      timezone: 'Europe/London',
      note: null,
      submittedAt: new Date(invitedAt + DAY),
    });
    const later = { ...interview('INVITED'), availability: windows([invitedAt + 2 * DAY, windowEnd]) };
    const at = new Date(windowEnd).toISOString();
    expect(linkExpiry(later)).toEqual({ record: at, view: at });
    const earlier = { ...interview('INVITED'), availability: windows([invitedAt + 2 * DAY]) };
    const expiry = new Date(invitationExpiry).toISOString();
    expect(linkExpiry(earlier)).toEqual({ record: expiry, view: expiry });
  });
});
