import type { EmailKind, InterviewEmailFacts } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { capitalized } from '@portal/shared/i18n/translator';
import { formatInstant, formatUtc, formatWindow } from './format';
import type { EmailContent, EmailLink } from './layout';
import type { Words } from './words';

export function requireStart(facts: InterviewEmailFacts, kind: EmailKind): string {
  if (!facts.start) throw new DomainError('BAD_INPUT', `A ${kind} email needs the booked slot's start`, { interviewId: facts.interviewId });
  return facts.start;
}

/** The zone the reader sees times in: an interviewer's own, else the candidate's. */
export const readerZone = (facts: InterviewEmailFacts) => facts.recipient?.timezone ?? facts.candidateTimezone;

/** The interview's label, position, panel and, when booked, its time in the reader's zone. */
export function interviewDetails(facts: InterviewEmailFacts, words: Words): NonNullable<EmailContent['details']> {
  const { t, locale } = words;
  const details: NonNullable<EmailContent['details']> = [
    [t('email.detail.interview'), capitalized(words.kind, locale)],
    [t('email.detail.position'), facts.position],
  ];
  if (facts.recipient) details.push([t('email.detail.candidate'), facts.candidateName]);
  if (facts.start) details.push([t('email.detail.when'), formatWindow(facts.start, facts.end, readerZone(facts), locale)]);
  if (facts.panel?.length) {
    details.push([t('email.detail.interviewer', { count: facts.panel.length }), facts.panel.map((p) => p.name).join(', ')]);
  }
  if (facts.attempt > 1) details.push([t('email.detail.attempt'), String(facts.attempt)]);
  return details;
}

/**
 * Before a booking the zone on file is only HR's guess (the page detects the candidate's own), so
 * the expiry names it and gives UTC beside it rather than passing it off as the reader's zone.
 */
export function linkExpiry(facts: InterviewEmailFacts, { t, locale }: Words): string[] {
  if (!facts.linkExpiresAt) return [];
  const when = formatInstant(facts.linkExpiresAt, facts.candidateTimezone, locale);
  if (facts.candidateTimezone === 'UTC') return [t('email.linkUntil', { when })];
  return [t('email.linkUntilUtc', { when, utc: formatUtc(facts.linkExpiresAt, locale) })];
}

/** Where to join: the meeting itself when there is one, otherwise the candidate's interview page. */
export function joinLink(facts: InterviewEmailFacts, { t }: Words): EmailLink {
  return facts.meetingUrl ? { label: t('email.join'), url: facts.meetingUrl } : { label: t('email.joinFromPage'), url: facts.link };
}

/** While an API provider's room is being created: the link follows by email (docs/adr/0028). */
export function linkFollows(facts: InterviewEmailFacts, { t }: Words): string[] {
  return facts.meetingLinkPending && !facts.meetingUrl ? [t('email.linkFollows')] : [];
}
