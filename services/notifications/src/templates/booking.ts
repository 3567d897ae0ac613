import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, joinLink, requireStart } from './details';
import { formatShort } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

export function confirmationEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const start = requireStart(facts, 'confirmation');
  return renderLayout(
    {
      subject: t('email.confirmation.subject', { kind, when: formatShort(start, facts.candidateTimezone, locale) }),
      paragraphs: [t('email.confirmation.body', { kind, position: facts.position }), t('email.calendarAttached')],
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
      paragraphs: [t('email.rescheduled.body', { kind, position: facts.position }), t('email.rescheduled.calendar')],
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
