import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, joinLink, requireStart } from './details';
import { formatShort } from './format';
import { renderLayout, type RenderedEmail } from './layout';

const CALENDAR_NOTE = 'A calendar invitation is attached.';

export function confirmationEmail(facts: InterviewEmailFacts): RenderedEmail {
  const start = requireStart(facts, 'confirmation');
  return renderLayout(
    {
      subject: `Confirmed: ${facts.kindLabel} on ${formatShort(start, facts.candidateTimezone)}`,
      paragraphs: [`Your ${facts.kindLabel} for the ${facts.position} position is booked.`, CALENDAR_NOTE],
      details: interviewDetails(facts),
      action: { label: 'Reschedule or cancel', url: facts.link },
      links: [joinLink(facts)],
    },
    facts,
  );
}

export function rescheduledEmail(facts: InterviewEmailFacts): RenderedEmail {
  const start = requireStart(facts, 'rescheduled');
  return renderLayout(
    {
      subject: `Rescheduled: ${facts.kindLabel} now on ${formatShort(start, facts.candidateTimezone)}`,
      paragraphs: [
        `Your ${facts.kindLabel} for the ${facts.position} position has moved to a new time.`,
        `${CALENDAR_NOTE} It replaces the earlier one in your calendar.`,
      ],
      details: interviewDetails(facts),
      action: { label: 'Reschedule or cancel', url: facts.link },
      links: [joinLink(facts)],
    },
    facts,
  );
}

export function cancelledEmail(facts: InterviewEmailFacts): RenderedEmail {
  const reason = facts.cancelReason?.trim();
  return renderLayout(
    {
      subject: `Cancelled: ${facts.kindLabel} for ${facts.position}`,
      paragraphs: [
        `Your ${facts.kindLabel} for the ${facts.position} position has been cancelled.`,
        ...(reason ? [`Reason given: ${reason}`] : []),
        ...(facts.start ? ['The calendar entry is cancelled too.'] : []),
      ],
      details: interviewDetails(facts),
      closing: [`If this is a mistake or you would like a new interview, please contact ${facts.hrEmail}.`],
    },
    facts,
  );
}
