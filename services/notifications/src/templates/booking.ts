import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, joinLink, linkFollows, readerZone, requireStart } from './details';
import { formatShort } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

export function confirmationEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const start = requireStart(facts, 'confirmation');
  return renderLayout(
    {
      subject: t('email.confirmation.subject', { kind, when: formatShort(start, facts.candidateTimezone, locale) }),
      paragraphs: [t('email.confirmation.body', { kind, position: facts.position }), ...linkFollows(facts, words), t('email.calendarAttached')],
      details: interviewDetails(facts, words),
      action: { label: t('email.manage'), url: facts.link },
      links: [joinLink(facts, words)],
    },
    facts,
    words,
  );
}

export function rescheduledEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const start = requireStart(facts, 'rescheduled');
  return renderLayout(
    {
      subject: t('email.rescheduled.subject', { kind, when: formatShort(start, facts.candidateTimezone, locale) }),
      paragraphs: [t('email.rescheduled.body', { kind, position: facts.position }), ...linkFollows(facts, words), t('email.rescheduled.calendar')],
      details: interviewDetails(facts, words),
      action: { label: t('email.manage'), url: facts.link },
      links: [joinLink(facts, words)],
    },
    facts,
    words,
  );
}

export function cancelledEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  const reason = facts.cancelReason?.trim();
  return renderLayout(
    {
      subject: t('email.cancelled.subject', { kind, position: facts.position }),
      paragraphs: [
        t('email.cancelled.body', { kind, position: facts.position }),
        ...(reason ? [t('email.reasonGiven', { reason })] : []),
        ...(facts.start ? [t('email.cancelled.calendar')] : []),
      ],
      details: interviewDetails(facts, words),
      closing: [t('email.cancelled.closing', { email: facts.hrEmail })],
    },
    facts,
    words,
  );
}

/**
 * The link, once, after the booking was confirmed without it (the provider's room came later):
 * to the candidate and to each interviewer, with the calendar entry again, now with its LOCATION.
 */
export function meetingLinkEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const start = requireStart(facts, 'meeting_link');
  const about = { kind, position: facts.position, candidate: facts.candidateName };
  return renderLayout(
    {
      subject: t('email.meetingLink.subject', { kind, when: formatShort(start, readerZone(facts), locale) }),
      paragraphs: [facts.recipient ? t('email.interviewer.meetingLink.body', about) : t('email.meetingLink.body', about)],
      details: interviewDetails(facts, words),
      action: joinLink(facts, words),
      links: facts.recipient ? [] : [{ label: t('email.manage'), url: facts.link }],
    },
    facts,
    words,
  );
}
