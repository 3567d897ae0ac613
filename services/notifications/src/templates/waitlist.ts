import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant, formatShort, formatWindow } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

/** An earlier time held for the candidate alone until it expires (docs/adr/0072): take it or let it go on their page. */
export function holdOfferEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const hold = facts.hold;
  if (!hold) throw new Error('hold_offer needs the held time');
  const zone = facts.candidateTimezone;
  return renderLayout(
    {
      subject: t('email.hold.subject', { kind, when: formatShort(hold.start, zone, locale) }),
      paragraphs: [
        t('email.hold.body', { kind, position: facts.position, when: formatWindow(hold.start, hold.end, zone, locale), until: formatInstant(hold.expiresAt, zone, locale) }),
        t('email.hold.keep'),
      ],
      details: interviewDetails(facts, words),
      action: { label: t('email.hold.open'), url: facts.link },
    },
    facts,
    words,
  );
}
