import type { EmailKind, InterviewEmailFacts } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { formatInstant, formatUtc, formatWindow } from './format';
import type { EmailContent, EmailLink } from './layout';

export function requireStart(facts: InterviewEmailFacts, kind: EmailKind): string {
  if (!facts.start) throw new DomainError('BAD_INPUT', `A ${kind} email needs the booked slot's start`, { interviewId: facts.interviewId });
  return facts.start;
}

/** The zone the reader sees times in: an interviewer's own, else the candidate's. */
export const readerZone = (facts: InterviewEmailFacts) => facts.recipient?.timezone ?? facts.candidateTimezone;

/** The interview's label, position, panel and, when booked, its time in the reader's zone. */
export function interviewDetails(facts: InterviewEmailFacts): NonNullable<EmailContent['details']> {
  const details: NonNullable<EmailContent['details']> = [
    ['Interview', facts.kindLabel],
    ['Position', facts.position],
  ];
  if (facts.recipient) details.push(['Candidate', facts.candidateName]);
  if (facts.start) details.push(['When', formatWindow(facts.start, facts.end, readerZone(facts))]);
  if (facts.panel?.length) details.push([facts.panel.length > 1 ? 'Interviewers' : 'Interviewer', facts.panel.map((p) => p.name).join(', ')]);
  if (facts.attempt > 1) details.push(['Attempt', String(facts.attempt)]);
  return details;
}

/**
 * Before a booking the zone on file is only HR's guess (the page detects the candidate's own), so
 * the expiry names it and gives UTC beside it rather than passing it off as the reader's zone.
 */
export function linkExpiry(facts: InterviewEmailFacts): string[] {
  if (!facts.linkExpiresAt) return [];
  const utc = facts.candidateTimezone === 'UTC' ? '' : `, that is ${formatUtc(facts.linkExpiresAt)}`;
  return [`This link works until ${formatInstant(facts.linkExpiresAt, facts.candidateTimezone)}${utc}.`];
}

/** Where to join: the meeting itself when there is one, otherwise the candidate's interview page. */
export function joinLink(facts: InterviewEmailFacts): EmailLink {
  return facts.meetingUrl
    ? { label: 'Join the interview', url: facts.meetingUrl }
    : { label: 'Join from your interview page', url: facts.link };
}
