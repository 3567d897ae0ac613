import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, joinLink, requireStart } from './details';
import { reminderLead } from './format';
import { renderLayout, type RenderedEmail } from './layout';

export function reminderEmail(facts: InterviewEmailFacts): RenderedEmail {
  requireStart(facts, 'reminder');
  const lead = facts.reminderOffsetMinutes === undefined ? 'soon' : reminderLead(facts.reminderOffsetMinutes);
  return renderLayout(
    {
      subject: `Reminder: your ${facts.kindLabel} starts ${lead}`,
      paragraphs: [`Your ${facts.kindLabel} for the ${facts.position} position starts ${lead}.`],
      details: interviewDetails(facts),
      action: joinLink(facts),
      links: [{ label: 'Reschedule or cancel', url: facts.link }],
    },
    facts,
  );
}
