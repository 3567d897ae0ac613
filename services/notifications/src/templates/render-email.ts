import type { EmailKind, InterviewEmailFacts } from '@portal/shared/email';
import { cancelledEmail, confirmationEmail, rescheduledEmail } from './booking';
import { expiredEmail, noShowEmail } from './closure';
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
};

export function renderEmail(kind: EmailKind, facts: InterviewEmailFacts): RenderedEmail {
  return TEMPLATES[kind](facts);
}
