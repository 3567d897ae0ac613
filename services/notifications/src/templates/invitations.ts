import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, linkExpiry } from './details';
import { renderLayout, type RenderedEmail } from './layout';

export function invitationEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Choose a time for your ${facts.kindLabel}: ${facts.position}`,
      paragraphs: [
        `You are invited to a ${facts.kindLabel} for the ${facts.position} position.`,
        'Pick a day and time that suits you. The page shows times in your timezone as your device reports it, and you can change it there; your confirmation and reminders use the zone you book in.',
      ],
      details: interviewDetails(facts),
      action: { label: 'Choose a time', url: facts.link },
      closing: [...linkExpiry(facts), 'You can reschedule or cancel later from the same link.'],
    },
    facts,
  );
}

export function retakeInvitationEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Your retake for ${facts.position}: choose a time`,
      paragraphs: [
        `Good news: a retake of your ${facts.kindLabel} for the ${facts.position} position has been approved.`,
        'Links from earlier emails no longer work; please use the link below to pick a new time.',
      ],
      details: interviewDetails(facts),
      action: { label: 'Choose a time', url: facts.link },
      closing: linkExpiry(facts),
    },
    facts,
  );
}
