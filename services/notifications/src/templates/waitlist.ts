import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant, formatShort, formatWindow } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

/**
 * A time held for the candidate alone until it expires, to take or let go on their page: an earlier
 * time from the waitlist (docs/adr/0072), or one inside the windows they sent (docs/adr/0073).
 */
export function holdOfferEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind, locale } = words;
  const hold = facts.hold;
  if (!hold) throw new Error('hold_offer needs the held time');
  const zone = facts.candidateTimezone;
  const values = { kind, position: facts.position, when: formatWindow(hold.start, hold.end, zone, locale), until: formatInstant(hold.expiresAt, zone, locale) };
  // A time inside the candidate's windows (docs/adr/0073) is offered for an invitation, not as an earlier time.
  const inWindows = hold.purpose === 'window';
  return renderLayout(
    {
      subject: t(inWindows ? 'email.holdWindow.subject' : 'email.hold.subject', { kind, when: formatShort(hold.start, zone, locale) }),
      paragraphs: inWindows ? [t('email.holdWindow.body', values), t('email.holdWindow.keep')] : [t('email.hold.body', values), t('email.hold.keep')],
      details: interviewDetails(facts, words),
      action: { label: t(inWindows ? 'email.holdWindow.open' : 'email.hold.open'), url: facts.link },
    },
    facts,
    words,
  );
}
