import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails } from './details';
import { formatInstant } from './format';
import { renderLayout, type RenderedEmail } from './layout';

export function feedbackOverdueEmail(facts: InterviewEmailFacts): RenderedEmail {
  const missing = facts.pendingFeedbackFrom ?? [];
  return renderLayout(
    {
      subject: `Feedback overdue: ${facts.candidateName} (${facts.position})`,
      paragraphs: [
        `Scorecards for ${facts.candidateName}'s ${facts.kindLabel} are still missing from: ${missing.join(', ') || 'nobody'}.`,
        'They were reminded a day ago.',
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}

export function decisionDueEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Decision due: ${facts.candidateName} (${facts.position})`,
      paragraphs: [
        `No outcome is set yet for ${facts.candidateName}'s ${facts.kindLabel} for the ${facts.position} position.`,
        ...(facts.decisionDueAt ? [`The candidate was told to expect an answer by ${formatInstant(facts.decisionDueAt, 'UTC')}.`] : []),
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}
