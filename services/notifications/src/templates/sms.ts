import type { SendSmsInput } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { formatShort, reminderLead } from './format';
import { wordsFor, type Reading } from './words';

/**
 * A text's body in the interview's language: one short sentence with the time in the candidate's
 * zone and the link, kept near one 160-character segment where the language allows.
 */
export function composeSms(input: SendSmsInput, reading: Reading): string {
  const { facts, kind } = input;
  const words = wordsFor(facts, reading);
  const { t, locale } = words;
  if (kind === 'hold_offer') return holdOfferText(facts, words);
  if (facts.start === undefined) throw new DomainError('BAD_INPUT', `A ${kind} text needs the interview's start`);
  const when = formatShort(facts.start, facts.candidateTimezone, locale);
  const base = { kind: words.kind, position: facts.position, when, link: facts.link };
  switch (kind) {
    case 'confirmation':
      return `${t('sms.confirmation', base)} ${t('sms.stopHint')}`;
    case 'rescheduled':
      return t('sms.rescheduled', base);
    case 'cancelled':
      return t('sms.cancelled', base);
    case 'reminder':
      return t('sms.reminder', { ...base, lead: reminderLead(facts.reminderOffsetMinutes, t), link: facts.meetingUrl ?? facts.link });
  }
}

/** A held time (docs/adr/0072, 0073): when, until when it is theirs, and the page to take it on. */
function holdOfferText(facts: SendSmsInput['facts'], words: ReturnType<typeof wordsFor>): string {
  const { t, locale } = words;
  const hold = facts.hold;
  if (!hold) throw new DomainError('BAD_INPUT', 'A hold_offer text needs the held time');
  const zone = facts.candidateTimezone;
  const values = { kind: words.kind, when: formatShort(hold.start, zone, locale), until: formatShort(hold.expiresAt, zone, locale), link: facts.link };
  return t(hold.purpose === 'window' ? 'sms.holdWindow' : 'sms.hold', values);
}
