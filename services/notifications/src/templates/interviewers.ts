import type { InterviewEmailFacts } from '@portal/shared/email';
import { interviewDetails, readerZone, requireStart } from './details';
import { formatShort, reminderLead } from './format';
import { renderLayout, type RenderedEmail } from './layout';

/** What every interviewer email shows: the interview, the candidate, the panel, where to join. */
function forInterviewer(facts: InterviewEmailFacts) {
  return {
    details: interviewDetails(facts),
    links: facts.meetingUrl ? [{ label: 'Meeting link', url: facts.meetingUrl }] : [],
  };
}

export function interviewerInvitationEmail(facts: InterviewEmailFacts): RenderedEmail {
  const start = requireStart(facts, 'interviewer_invitation');
  return renderLayout(
    {
      subject: `Interview: ${facts.candidateName}, ${facts.kindLabel} on ${formatShort(start, readerZone(facts))}`,
      paragraphs: [
        `You are on the panel for ${facts.candidateName}'s ${facts.kindLabel} for the ${facts.position} position.`,
        'A calendar invitation is attached.',
      ],
      ...forInterviewer(facts),
    },
    facts,
  );
}

export function interviewerUpdateEmail(facts: InterviewEmailFacts): RenderedEmail {
  const start = requireStart(facts, 'interviewer_update');
  return renderLayout(
    {
      subject: `Moved: ${facts.candidateName}, ${facts.kindLabel} now on ${formatShort(start, readerZone(facts))}`,
      paragraphs: [
        `${facts.candidateName}'s ${facts.kindLabel} for the ${facts.position} position has moved to a new time.`,
        'The attached calendar invitation replaces the earlier one.',
      ],
      ...forInterviewer(facts),
    },
    facts,
  );
}

export function interviewerCancelledEmail(facts: InterviewEmailFacts): RenderedEmail {
  const reason = facts.cancelReason?.trim();
  return renderLayout(
    {
      subject: `Cancelled: ${facts.candidateName}, ${facts.kindLabel} for ${facts.position}`,
      paragraphs: [
        `You are no longer needed for ${facts.candidateName}'s ${facts.kindLabel} for the ${facts.position} position at this time.`,
        ...(reason ? [`Reason given: ${reason}`] : []),
        'The attached calendar message removes it from your calendar.',
      ],
      details: interviewDetails(facts),
    },
    facts,
  );
}

export function interviewerReminderEmail(facts: InterviewEmailFacts): RenderedEmail {
  requireStart(facts, 'interviewer_reminder');
  const lead = facts.reminderOffsetMinutes === undefined ? 'soon' : reminderLead(facts.reminderOffsetMinutes);
  return renderLayout(
    {
      subject: `Reminder: interview with ${facts.candidateName} starts ${lead}`,
      paragraphs: [`Your ${facts.kindLabel} with ${facts.candidateName} for the ${facts.position} position starts ${lead}.`],
      ...forInterviewer(facts),
    },
    facts,
  );
}

export function feedbackRequestEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Your feedback on ${facts.candidateName} (${facts.position})`,
      paragraphs: [
        `Thank you for interviewing ${facts.candidateName} for the ${facts.position} position.`,
        'Please fill in the scorecard while it is fresh: a rating, your recommendation and notes. You can edit it until the hiring team decides.',
      ],
      details: interviewDetails(facts),
      ...(facts.feedbackLink ? { action: { label: 'Open the scorecard', url: facts.feedbackLink } } : {}),
    },
    facts,
  );
}

export function feedbackNudgeEmail(facts: InterviewEmailFacts): RenderedEmail {
  return renderLayout(
    {
      subject: `Reminder: feedback on ${facts.candidateName} is still missing`,
      paragraphs: [
        `The hiring team is waiting for your scorecard on ${facts.candidateName}'s ${facts.kindLabel} for the ${facts.position} position.`,
      ],
      details: interviewDetails(facts),
      ...(facts.feedbackLink ? { action: { label: 'Open the scorecard', url: facts.feedbackLink } } : {}),
    },
    facts,
  );
}
