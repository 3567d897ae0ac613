import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, linkExpiry } from './details';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

export function invitationEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  return renderLayout(
    {
      subject: t('email.invitation.subject', { kind, position: facts.position }),
      paragraphs: [t('email.invitation.body', { kind, position: facts.position }), t('email.invitation.howTo')],
      details: interviewDetails(facts, words),
      action: { label: t('email.chooseTime'), url: facts.link },
      closing: [...linkExpiry(facts, words), t('email.invitation.later')],
    },
    facts,
    words,
  );
}

export function retakeInvitationEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  return renderLayout(
    {
      subject: t('email.retake.subject', { position: facts.position }),
      paragraphs: [t('email.retake.body', { kind, position: facts.position }), t('email.retake.oldLinks')],
      details: interviewDetails(facts, words),
      action: { label: t('email.chooseTime'), url: facts.link },
      closing: linkExpiry(facts, words),
    },
    facts,
    words,
  );
}
