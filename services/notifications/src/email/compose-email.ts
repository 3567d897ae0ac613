import type { Message } from 'postmark';
import type { SendEmailInput } from '@portal/shared/email';
import { buildInterviewIcs, calendarMethodFor } from '@portal/shared/ics';
import { SEND_KEY_FIELD, sendKeyOf } from './send-key';
import { renderEmail } from '../templates/render-email';
import type { Reading } from '../templates/words';

export interface Sender {
  /** The From header as configured, e.g. `Interviews <interviews@example.test>`. */
  from: string;
  /** HR_CONTACT_EMAIL: where replies and questions go when the interview names no HR address. */
  hrContact: string;
}

/**
 * The Postmark message for one email: rendered templates, the .ics when the booking changed, tags for
 * webhooks; words and calendar text in the interview's language as `reading` found it.
 */
export function composeEmail(
  { kind, idempotencyKey, facts: given }: SendEmailInput,
  sender: Sender,
  now = new Date(),
  reading: Reading = { locale: 'en' },
): Message {
  const facts = given.hrEmail ? given : { ...given, hrEmail: sender.hrContact };
  const rendered = renderEmail(kind, facts, reading);
  const method = calendarMethodFor(kind, facts);
  const ics = method ? buildInterviewIcs({ method, facts, now, locale: reading.locale, kind: reading.kind, kindTitles: reading.kindTitles, kit: reading.kit, teamName: reading.team?.name }) : undefined;
  return {
    From: sender.from,
    // The bare address: a display name with a comma or quote in it would change how Postmark splits recipients.
    To: facts.recipient?.email ?? facts.candidateEmail,
    // Candidates answer the email itself; the reply should reach a person, not the sending address.
    ReplyTo: facts.hrEmail,
    Subject: rendered.subject,
    HtmlBody: rendered.html,
    TextBody: rendered.text,
    Tag: kind,
    MessageStream: 'outbound',
    // The send key lets a retry ask Postmark whether an earlier attempt's message went out.
    Metadata: { interviewId: facts.interviewId, kind, [SEND_KEY_FIELD]: sendKeyOf(idempotencyKey) },
    Attachments: ics
      ? [
          {
            Name: method === 'CANCEL' ? 'interview-cancelled.ics' : 'interview.ics',
            Content: Buffer.from(ics, 'utf8').toString('base64'),
            ContentType: `text/calendar; charset=utf-8; method=${method}`,
            ContentID: null,
          },
        ]
      : [],
  };
}
