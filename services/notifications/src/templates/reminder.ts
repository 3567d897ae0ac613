import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, joinLink, linkFollows, requireStart } from './details';
import { reminderLead } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import type { Words } from './words';

export function reminderEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t, kind } = words;
  requireStart(facts, 'reminder');
  const lead = reminderLead(facts.reminderOffsetMinutes, t);
  return renderLayout(
    {
      subject: t('email.reminder.subject', { kind, lead }),
      paragraphs: [t('email.reminder.body', { kind, position: facts.position, lead }), ...linkFollows(facts, words)],
      details: interviewDetails(facts, words),
      action: joinLink(facts, words),
      links: [{ label: t('email.manage'), url: facts.link }],
    },
    facts,
    words,
  );
}
