import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

export function expiredEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  return renderLayout(
    {
      subject: t('email.expired.subject', { position: facts.position }),
      paragraphs: [t('email.expired.body', { kind, position: facts.position }), t('email.expired.contact', { email: facts.hrEmail })],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

export function noShowEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  return renderLayout(
    {
      subject: t('email.noShow.subject', { kind }),
      paragraphs: [t('email.noShow.body', { kind, position: facts.position }), t('email.noShow.contact', { email: facts.hrEmail })],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

export function thankYouEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const by = facts.decisionDueAt ? formatInstant(facts.decisionDueAt, facts.candidateTimezone, locale) : undefined;
  return renderLayout(
    {
      subject: t('email.thankYou.subject', { kind }),
      paragraphs: [
        t('email.thankYou.body', { kind, position: facts.position }),
        by ? t('email.thankYou.nextBy', { when: by }) : t('email.thankYou.next'),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}
