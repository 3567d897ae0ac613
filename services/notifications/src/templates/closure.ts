import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant } from './format';
import { renderLayout, type RenderedEmail } from './layout';

export function expiredEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Your invitation for ${facts.position} has expired`,
      paragraphs: [
        `The link to book your ${facts.kindLabel} for the ${facts.position} position has expired without a booking.`,
        `If you are still interested, please contact ${facts.hrEmail} and we will send a new invitation.`,
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}

export function noShowEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `We missed you at your ${facts.kindLabel}`,
      paragraphs: [
        `We did not see you at your ${facts.kindLabel} for the ${facts.position} position.`,
        `If something came up, please contact ${facts.hrEmail}; the hiring team will let you know the next steps.`,
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}

export function thankYouEmail(facts: InterviewEmailFacts): RenderedEmail {
  const by = facts.decisionDueAt ? formatInstant(facts.decisionDueAt, facts.candidateTimezone) : undefined;
  return renderLayout(
    {
      subject: `Thank you for your ${facts.kindLabel}`,
      paragraphs: [
        `Thank you for taking the time for your ${facts.kindLabel} for the ${facts.position} position.`,
        by
          ? `What happens next: the interviewers share their feedback and the hiring team decides. You will hear from us by ${by}.`
          : 'What happens next: the interviewers share their feedback and the hiring team decides; you will hear from us soon.',
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}
