import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant, formatWindow } from './format';
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

/** Nothing fitted the candidate's windows in time (docs/adr/0071): the windows, the note, and the free times nearest them. */
export function availabilityUnmatchedEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const availability = facts.availability;
  const zone = availability?.timezone ?? 'UTC';
  const windows = (availability?.windows ?? []).map((w) => formatWindow(w.start, w.end, zone, locale)).join('; ');
  const nearest = (availability?.nearest ?? []).map((start) => formatInstant(start, zone, locale)).join('; ');
  return renderLayout(
    {
      subject: t('email.availability.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [
        t('email.availability.body', { candidate: facts.candidateName, kind, position: facts.position, windows }),
        ...(availability?.note ? [t('email.availability.note', { note: availability.note })] : []),
        nearest === '' ? t('email.availability.noneFree') : t('email.availability.nearest', { times: nearest }),
        t('email.availability.action'),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}
