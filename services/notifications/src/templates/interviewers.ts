import type { InterviewEmailFacts } from '@portal/shared/email';
import { kitLinkFor } from '@portal/shared/ics';
import { interviewDetails, readerZone, requireStart } from './details';
import { formatShort, reminderLead } from './format';
import { renderLayout, type RenderedEmail } from './layout';
import { answerLinks } from './panel-changes';
import type { Words } from './words';

/** What every interviewer email shows: the interview, the candidate, the panel, where to join. */
function forInterviewer(facts: InterviewEmailFacts, words: Words) {
  return {
    details: interviewDetails(facts, words),
    links: facts.meetingUrl ? [{ label: words.t('email.interviewer.meeting'), url: facts.meetingUrl }] : [],
  };
}

/** The interview's scorecard kit on the interviewer's answer page, when the kit asks anything. */
function kitLink(facts: InterviewEmailFacts, words: Words) {
  const url = kitLinkFor(facts, words.kit);
  return url ? [{ label: words.t('email.interviewer.kit'), url }] : [];
}

const about = (facts: InterviewEmailFacts, words: Words) => ({ candidate: facts.candidateName, kind: words.kind, position: facts.position });

export function interviewerInvitationEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const start = requireStart(facts, 'interviewer_invitation');
  const when = formatShort(start, readerZone(facts), words.locale);
  return renderLayout(
    {
      subject: words.t('email.interviewer.invitation.subject', { ...about(facts, words), when }),
      paragraphs: [
        words.t('email.interviewer.invitation.body', about(facts, words)),
        words.t('email.calendarAttached'),
        ...(facts.answerLinks ? [words.t('email.interviewer.answer.ask')] : []),
      ],
      details: interviewDetails(facts, words),
      // Accept and Decline first: the one thing the invitation asks of its reader; then the kit it will be scored on.
      links: [...answerLinks(facts, words), ...kitLink(facts, words), ...forInterviewer(facts, words).links],
    },
    facts,
    words,
  );
}

export function interviewerUpdateEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const start = requireStart(facts, 'interviewer_update');
  const when = formatShort(start, readerZone(facts), words.locale);
  return renderLayout(
    {
      subject: words.t('email.interviewer.update.subject', { ...about(facts, words), when }),
      paragraphs: [words.t('email.interviewer.update.body', about(facts, words)), words.t('email.interviewer.update.calendar')],
      ...forInterviewer(facts, words),
    },
    facts,
    words,
  );
}

export function interviewerCancelledEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const reason = facts.cancelReason?.trim();
  return renderLayout(
    {
      subject: words.t('email.interviewer.cancelled.subject', about(facts, words)),
      paragraphs: [
        words.t('email.interviewer.cancelled.body', about(facts, words)),
        ...(reason ? [words.t('email.reasonGiven', { reason })] : []),
        words.t('email.interviewer.cancelled.calendar'),
      ],
      details: interviewDetails(facts, words),
    },
    facts,
    words,
  );
}

export function interviewerReminderEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  requireStart(facts, 'interviewer_reminder');
  const lead = reminderLead(facts.reminderOffsetMinutes, words.t);
  return renderLayout(
    {
      subject: words.t('email.interviewer.reminder.subject', { candidate: facts.candidateName, lead }),
      paragraphs: [words.t('email.interviewer.reminder.body', { ...about(facts, words), lead })],
      ...forInterviewer(facts, words),
    },
    facts,
    words,
  );
}

export function feedbackRequestEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t } = words;
  return renderLayout(
    {
      subject: t('email.feedback.subject', { candidate: facts.candidateName, position: facts.position }),
      paragraphs: [t('email.feedback.body', { candidate: facts.candidateName, position: facts.position }), t('email.feedback.ask')],
      details: interviewDetails(facts, words),
      ...(facts.feedbackLink ? { action: { label: t('email.feedback.open'), url: facts.feedbackLink } } : {}),
    },
    facts,
    words,
  );
}

export function feedbackNudgeEmail(facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const { t } = words;
  return renderLayout(
    {
      subject: t('email.feedbackNudge.subject', { candidate: facts.candidateName }),
      paragraphs: [t('email.feedbackNudge.body', about(facts, words))],
      details: interviewDetails(facts, words),
      ...(facts.feedbackLink ? { action: { label: t('email.feedback.open'), url: facts.feedbackLink } } : {}),
    },
    facts,
    words,
  );
}
