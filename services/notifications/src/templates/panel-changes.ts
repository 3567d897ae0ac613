import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, readerZone, requireStart } from './details';
import { formatInstant, formatShort } from './format';
import { renderLayout, type EmailLink, type RenderedEmail } from './layout';
import type { Words } from './words';

const about = (facts: InterviewEmailFacts, words: Words) => ({ candidate: facts.candidateName, kind: words.kind, position: facts.position });

/** An interviewer's Accept and Decline links, when their invitation carries them. */
export function answerLinks(facts: InterviewEmailFacts, { t }: Words): EmailLink[] {
  if (!facts.answerLinks) return [];
  return [
    { label: t('email.interviewer.answer.accept'), url: facts.answerLinks.accept },
    { label: t('email.interviewer.answer.decline'), url: facts.answerLinks.decline },
  ];
}

/** Sent once to a member who has neither accepted nor declined after the set time. */
export function interviewerAnswerNudgeEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const start = requireStart(facts, 'interviewer_answer_nudge');
  const when = formatShort(start, readerZone(facts), words.locale);
  return renderLayout(
    {
      subject: words.t('email.answerNudge.subject', { ...about(facts, words), when }),
      paragraphs: [words.t('email.answerNudge.body', about(facts, words)), words.t('email.interviewer.answer.ask')],
      details: interviewDetails(facts, words),
      links: answerLinks(facts, words),
    },
    facts,
    words,
  );
}

/** To the candidate: same time, another interviewer; the .ics (SEQUENCE up) names the new panel. */
export function panelChangedEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const start = requireStart(facts, 'panel_changed');
  const when = formatShort(start, readerZone(facts), words.locale);
  return renderLayout(
    {
      subject: words.t('email.panelChanged.subject', { kind: words.kind, when }),
      paragraphs: [words.t('email.panelChanged.body', { joined: facts.panelChange?.joined ?? '' })],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

/** To the candidate: nobody can take the place; a new time where the whole panel is free, the old one held until `repickUntil`. */
export function repickOfferEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const start = requireStart(facts, 'repick_offer');
  const zone = readerZone(facts);
  const until = formatInstant(facts.repickUntil ?? start, zone, words.locale);
  return renderLayout(
    {
      subject: words.t('email.repick.subject', { kind: words.kind }),
      paragraphs: [words.t('email.repick.body', { when: formatShort(start, zone, words.locale), until })],
      details: interviewDetails(facts, words),
      action: { label: words.t('email.repick.open'), url: facts.link },
    },
    facts,
    words,
  );
}

/** To HR: a member left and nobody could take the place. */
export function panelUnfilledEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const until = facts.repickUntil ? formatInstant(facts.repickUntil, 'UTC', words.locale) : '';
  return renderLayout(
    {
      subject: words.t('email.unfilled.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [
        words.t('email.unfilled.body', { ...about(facts, words), left: facts.panelChange?.left ?? '', reason: facts.panelChange?.reason ?? '', until }),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

/** To HR: a loop session's re-pick had no time left beside the loop's other sessions, so the whole loop is offered again. */
export function loopRebookOfferedEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const until = facts.repickUntil ? formatInstant(facts.repickUntil, 'UTC', words.locale) : '';
  return renderLayout(
    {
      subject: words.t('email.loopRebook.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [words.t('email.loopRebook.body', { ...about(facts, words), until })],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}
