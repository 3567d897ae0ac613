import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

/** HR's notices: written through the catalogue like every email, sent in English (HR pages and mail are English-first). */
export function feedbackOverdueEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  const missing = facts.pendingFeedbackFrom ?? [];
  return renderLayout(
    {
      subject: t('email.overdue.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [
        t('email.overdue.body', { candidate: facts.candidateName, kind, names: missing.join(', ') || t('email.overdue.nobody') }),
        t('email.overdue.reminded'),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

export function decisionDueEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  return renderLayout(
    {
      subject: t('email.decision.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [
        t('email.decision.body', { candidate: facts.candidateName, kind, position: facts.position }),
        ...(facts.decisionDueAt ? [t('email.decision.told', { when: formatInstant(facts.decisionDueAt, 'UTC', locale) })] : []),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}
