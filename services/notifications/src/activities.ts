import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import pLimit from 'p-limit';
import type { ServerClient } from 'postmark';
import type { NotificationActivities, SendEmailInput, SendEmailResult } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { composeEmail } from './email/compose-email';
import { parseMailbox } from '@portal/shared/mailbox';
import type { Database } from '@portal/db';
import { classifyPostmarkFailure } from './email/postmark-failure';
import { claimSend } from './sends/send-claim';
import { createHeldBatches } from './batches/held-batches';
import { holdUntilSendAt, stillDueAfterHold } from './sends/held-reminder';
import { acceptedMessageId } from './email/send-key';
import { readInterviewLanguage } from './sends/interview-reading';
import type { Reading } from './templates/words';
import { createSmsSender, textLine, type SmsDeps } from './texts/sms-activity';
import { createSmsBatches, type CheckedAhead } from './batches/sms-batches';
import { momentReads } from './batches/moment-reads';
import { teamCards } from './sends/team-cards';
import { sendPriority, type SendPriority } from './sends/send-priority';

export interface NotificationDeps {
  messages: Database['messages'];
  /** Read once per held reminder, when its moment comes (held-reminder.ts). */
  interviews: Database['interviews'];
  /** The hiring teams, named in their emails (docs/adr/0076); absent: no team named. */
  teams?: Database['teams'];
  sendTakeovers: Database['sendTakeovers'];
  postmark: Pick<ServerClient, 'sendEmail' | 'sendEmailBatch' | 'getOutboundMessages'>;
  /** The From header, e.g. `Interviews <interviews@example.test>`; also the calendar ORGANIZER. */
  from: string;
  log: Logger;
  /** Used when an interview names no HR address. */
  hrContact?: string;
  /** How long a send in flight is trusted to still be running; must exceed the Postmark client timeout. Default 60 s. */
  sendLeaseMs?: number;
  /** Sends past their hold that talk to the database and Postmark at once; the others wait their turn here. Default 16. */
  sendsAtOnce?: number;
  /** Held reminders that wake together go to Postmark in batches of at most this many (held-batches.ts), texts likewise (sms-batches.ts). Default 100. */
  batchSize?: number;
  /**
   * Twilio requests of batched text reminders in flight at once (sms-batches.ts). Default 32: each is
   * a round trip that waits far more than it computes, and at 16 a moment's 200 texts took up to 1.8 s
   * (docs/adr/0045). Should Twilio find an account's requests too many at once, it answers 429
   * (error 20429) without sending, and the text's attempt is retried (text-steps.ts).
   */
  textRequestsAtOnce?: number;
  /** Texts (docs/adr/0026): the opt-outs, the Twilio client, the sending number and the delivery report URL. */
  sms?: Pick<SmsDeps, 'smsOptOuts' | 'twilio' | 'from' | 'statusCallback'>;
  /** Shared with the delivery report webhooks, which wait for a moment's sends (send-priority.ts). Default: this worker's own. */
  priority?: SendPriority;
}

/**
 * Email batches sending at once, beside `sendsAtOnce` single sends (each batch a few database calls
 * per person and one Postmark request). Three: a moment's wake can still be cut twice, into three
 * batches for 200 reminders, and with two places the third waited for one (docs/adr/0045).
 */
const BATCHES_AT_ONCE = 3;
/** Text batches reading and claiming at once: a moment's texts wake in two or three batches, and none should wait for another's Twilio requests. */
const TEXT_BATCHES_AT_ONCE = 4;

/**
 * Idempotency: the message log row, keyed by the idempotency key, is written before the send
 * (see claimSend). A row that Postmark already accepted is never sent again; a row refused for good
 * stays refused; a row whose last attempt failed in passing is sent again.
 *
 * Postmark's send API takes no idempotency key, so an attempt can send and then lose the answer
 * (a timeout after Postmark accepted, a crash before the row says SENT). Every message therefore
 * carries its send key in its metadata, and an attempt that follows an earlier one asks Postmark's
 * message search for that key before sending: a message already accepted is recorded, not sent again.
 * Residual window: a message Postmark accepted but does not yet list in its search when the retry
 * asks (retries come seconds later). An attempt still running past its start-to-close timeout is
 * kept from overlapping its retry by the send lease, as long as the Postmark client timeout stays
 * below the lease.
 */
export function createActivities({
  messages,
  interviews,
  teams,
  sendTakeovers,
  postmark,
  from,
  log,
  hrContact = 'hr@example.test',
  sendLeaseMs = 60_000,
  sendsAtOnce = 16,
  batchSize = 100,
  textRequestsAtOnce = 32,
  sms,
  priority = sendPriority(),
}: NotificationDeps): NotificationActivities {
  const sendSms = sms && createSmsSender({ ...sms, messages, interviews, sendTakeovers, log, sendLeaseMs });
  // Held reminders wake together at their moment, hundreds at once. Unbounded, their database
  // calls outnumbered FerretDB's PostgreSQL pool and it stopped answering anyone (every pooled
  // connection held, every request waiting for one); queued here, they go through in turn.
  const turn = pLimit(sendsAtOnce);
  // A batch carries up to `batchSize` people's reminders: it never queues behind single sends (a
  // moment's texts, one Twilio request each, once held back every email of that moment).
  const batchTurn = pLimit(BATCHES_AT_ONCE);
  // A moment's email and text batches read each interview once between them, and its sends go
  // before the writes that record them (docs/adr/0045).
  const reads = momentReads(interviews);
  const cards = teamCards(teams);
  // Its emails go ahead of its texts: a text batch reads beside them, then claims and sends once they have.
  const emailsAhead = sendPriority();
  const sendInBatch = createHeldBatches({ messages, reads, cards, priority, emailsAhead, postmark, turn: (work) => batchTurn(work), maxBatch: batchSize });
  // Texts have a lane of their own beside the emails': a moment's text batches, one Twilio request
  // per text, never hold back its email batches. Their Twilio requests are bounded apart
  // (`textRequestsAtOnce`), so this lane bounds only their reads and inserts.
  const textBatchTurn = pLimit(TEXT_BATCHES_AT_ONCE);
  const sendTextInBatch = sms && createSmsBatches({ ...sms, messages, reads, priority, emailsAhead, turn: (work) => textBatchTurn(work), maxBatch: batchSize, requestsAtOnce: textRequestsAtOnce });
  if (!parseMailbox(from)) throw new Error(`EMAIL_FROM is not an address: ${from}`);

  function composeIn(input: SendEmailInput, reading: Reading) {
    try {
      return composeEmail(input, { from, hrContact }, new Date(), reading);
    } catch (error) {
      // Bad facts stay bad on every attempt: refuse them once, visibly, to the workflow.
      if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
      throw error;
    }
  }

  return {
    async sendSms(input) {
      if (!sendSms || !sendTextInBatch) throw ApplicationFailure.nonRetryable('This worker has no Twilio client', 'SMS_NOT_CONFIGURED');
      // Its number's STOP is asked ahead, beside the hold, rather than at its moment with every other
      // text (sms-batches.ts). The ask goes behind the sends of a moment running now, so the hold (and
      // its heartbeats) starts at once; an ask not answered by the moment, or failed, is asked again then.
      const line = textLine(log, input);
      let checked: CheckedAhead | undefined;
      void sendTextInBatch.checkAhead(input, line).then(
        (answer) => (checked = answer),
        (error: unknown) => line.warn({ error: String(error) }, 'STOP list not asked ahead; asking at the moment'),
      );
      // Held outside the turn, as email is: a reminder waiting for its moment takes no sending slot.
      await holdUntilSendAt(input);
      if (input.sendAt !== undefined) {
        const answer = await sendTextInBatch.send({ input, line, checked });
        if (answer !== null) return answer;
      }
      return turn(() => sendSms(input));
    },
    async sendEmail(input) {
      const info = activityInfo();
      const line = log.child({
        interviewId: input.facts.interviewId,
        workflowId: info.workflowExecution?.workflowId,
        kind: input.kind,
        idempotencyKey: input.idempotencyKey,
        attempt: info.attempt,
      });
      await holdUntilSendAt(input);
      if (input.sendAt !== undefined) {
        // Composed in English first so bad facts are refused for this send alone; the batch composes it
        // again in the interview's language from the one read it makes of every interview in it.
        const message = composeIn(input, { locale: 'en' });
        const answer = await sendInBatch({ input, message, compose: (reading) => composeIn(input, reading), line });
        if (answer !== null) return answer;
      }
      return turn(async (): Promise<SendEmailResult> => {
        if (!(await stillDueAfterHold(interviews, input))) {
          line.info({ sendAt: input.sendAt }, 'reminder held until its moment, and the interview has moved or been cancelled since: not sending');
          return { status: 'NO_LONGER_DUE' };
        }
        const message = composeIn(input, await readInterviewLanguage(interviews, input.facts.interviewId, cards));
        const claim = await claimSend({ messages, sendTakeovers }, input, message.Subject, sendLeaseMs);
        if (!claim.send) {
          line.info({ status: claim.result.status, messageId: claim.result.messageId }, 'email already handled, not sending again');
          return claim.result;
        }

        const key = { _id: input.idempotencyKey };
        // An earlier attempt may have sent and then lost Postmark's reply: ask Postmark before sending again.
        // If Postmark cannot be asked, this attempt fails and Temporal asks again later; it never sends blind.
        const earlier = claim.afterEarlier ? await acceptedMessageId(postmark, input.idempotencyKey) : undefined;
        if (earlier !== undefined) {
          await messages.updateOne(key, { $set: { status: 'SENT', messageId: earlier, sentAt: new Date() }, $unset: { error: 1, errorCode: 1 } });
          line.info({ messageId: earlier }, 'an earlier attempt had sent this email; not sending again');
          return { status: 'SENT', messageId: earlier };
        }
        let messageId: string;
        try {
          messageId = (await postmark.sendEmail(message)).MessageID;
        } catch (error) {
          const failure = classifyPostmarkFailure(error);
          const details = { statusCode: failure.statusCode, errorCode: failure.errorCode, error: failure.message };
          const status = failure.permanent ? 'FAILED' : 'RETRYING';
          await messages.updateOne(key, { $set: { status, errorCode: failure.errorCode, error: failure.message } });
          if (failure.permanent) {
            line.warn(details, 'Postmark refused the email; not retrying');
            return { status: 'FAILED', errorCode: failure.errorCode };
          }
          line.warn(details, 'email send failed; Temporal will retry');
          throw new Error(`Postmark send failed (HTTP ${failure.statusCode || 'none'}, ErrorCode ${failure.errorCode}): ${failure.message}`);
        }
        // Should this write fail, the retry sends again: the residual window described above.
        await messages.updateOne(key, { $set: { status: 'SENT', messageId, sentAt: new Date() }, $unset: { error: 1, errorCode: 1 } });
        line.info({ messageId }, 'email sent');
        return { status: 'SENT', messageId };
      });
    },
  };
}
