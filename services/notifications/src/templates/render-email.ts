import { HR_EMAIL_KINDS, type EmailKind, type InterviewEmailFacts } from '@portal/shared/email';
import { cancelledEmail, confirmationEmail, meetingLinkEmail, rescheduledEmail } from './booking';
import { expiredEmail, noShowEmail, thankYouEmail } from './closure';
import { availabilityUnmatchedEmail, decisionDueEmail, feedbackOverdueEmail } from './hr-notices';
import {
  feedbackNudgeEmail,
  feedbackRequestEmail,
  interviewerCancelledEmail,
  interviewerInvitationEmail,
  interviewerReminderEmail,
  interviewerUpdateEmail,
} from './interviewers';
import { invitationEmail, retakeInvitationEmail } from './invitations';
import { interviewerAnswerNudgeEmail, loopRebookOfferedEmail, panelChangedEmail, panelUnfilledEmail, repickOfferEmail } from './panel-changes';
import type { RenderedEmail } from './layout';
import { wordsFor, type Reading, type Words } from './words';
import { reminderEmail } from './reminder';
import { holdOfferEmail } from './waitlist';

const TEMPLATES: Record<EmailKind, (facts: InterviewEmailFacts, words: Words) => RenderedEmail> = {
  invitation: invitationEmail,
  confirmation: confirmationEmail,
  rescheduled: rescheduledEmail,
  cancelled: cancelledEmail,
  reminder: reminderEmail,
  expired: expiredEmail,
  no_show: noShowEmail,
  retake_invitation: retakeInvitationEmail,
  thank_you: thankYouEmail,
  interviewer_invitation: interviewerInvitationEmail,
  interviewer_update: interviewerUpdateEmail,
  interviewer_cancelled: interviewerCancelledEmail,
  interviewer_reminder: interviewerReminderEmail,
  feedback_request: feedbackRequestEmail,
  feedback_nudge: feedbackNudgeEmail,
  feedback_overdue: feedbackOverdueEmail,
  decision_due: decisionDueEmail,
  meeting_link: meetingLinkEmail,
  interviewer_answer_nudge: interviewerAnswerNudgeEmail,
  panel_changed: panelChangedEmail,
  repick_offer: repickOfferEmail,
  panel_unfilled: panelUnfilledEmail,
  loop_rebook_offered: loopRebookOfferedEmail,
  availability_unmatched: availabilityUnmatchedEmail,
  hold_offer: holdOfferEmail,
};

/**
 * The email in the interview's language (`reading`, read from the interview when composing); HR's
 * notices stay English, as the HR side does. Without a reading: English and the facts' kind label.
 */
export function renderEmail(kind: EmailKind, facts: InterviewEmailFacts, reading: Reading = { locale: 'en' }): RenderedEmail {
  const forHr = HR_EMAIL_KINDS.includes(kind);
  return TEMPLATES[kind](facts, wordsFor(facts, forHr ? { ...reading, locale: 'en' } : reading));
}
