import type { EmailKind, InterviewEmailFacts } from '@portal/shared/email';
import { cancelledEmail, confirmationEmail, rescheduledEmail } from './booking';
import { expiredEmail, noShowEmail, thankYouEmail } from './closure';
import { decisionDueEmail, feedbackOverdueEmail } from './hr-notices';
import {
  feedbackNudgeEmail,
  feedbackRequestEmail,
  interviewerCancelledEmail,
  interviewerInvitationEmail,
  interviewerReminderEmail,
  interviewerUpdateEmail,
} from './interviewers';
import { invitationEmail, retakeInvitationEmail } from './invitations';
import type { RenderedEmail } from './layout';
import { reminderEmail } from './reminder';

const TEMPLATES: Record<EmailKind, (facts: InterviewEmailFacts) => RenderedEmail> = {
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
};

export function renderEmail(kind: EmailKind, facts: InterviewEmailFacts): RenderedEmail {
  return TEMPLATES[kind](facts);
}
