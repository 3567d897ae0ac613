import { activityInfo } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { Database } from '@portal/db';
import type { SendEmailResult, SendSmsInput } from '@portal/shared/email';
import { claimSend } from '../sends/send-claim';
import { holdsItsTime } from '../sends/held-reminder';
import { recordSent } from './text-status';
import { STOPPED, TEXT_READ, composeText, numberOf, recordNotSent, requestText, type TextReading, type TextRequest } from './text-steps';

export interface SmsDeps extends TextRequest {
  interviews: Database['interviews'];
  sendTakeovers: Database['sendTakeovers'];
  smsOptOuts: Database['smsOptOuts'];
  /** The sending number, E.164. */
  from: string;
  /** Where Twilio reports delivery (webhooks/twilio/status on this service). */
  statusCallback: string;
  log: Logger;
  sendLeaseMs: number;
}

/** The log line of one text, with what names it. */
export function textLine(log: Logger, input: SendSmsInput): Logger {
  const info = activityInfo();
  return log.child({ interviewId: input.facts.interviewId, workflowId: info.workflowExecution?.workflowId, kind: input.kind, channel: 'sms', idempotencyKey: input.idempotencyKey, attempt: info.attempt });
}

/**
 * Texts follow the email's exactly-once rules (activities.ts): the log row keyed by the text's
 * idempotency key is claimed before the send, and a later attempt after one that may have sent asks
 * Twilio's message list for the same body to the same number before sending again. A number that
 * replied STOP, or an interview no longer opted in, gets nothing; its row says so, once. Text
 * reminders that wake together go in batches (sms-batches.ts); this is every other text's way.
 */
export function createSmsSender(deps: SmsDeps) {
  const { messages, interviews, sendTakeovers, smsOptOuts, twilio, from, log, sendLeaseMs } = deps;

  async function sentEarlier(to: string, body: string, since: Date): Promise<string | undefined> {
    const listed = await twilio.messages.list({ to, from, limit: 50 });
    return listed.find((m) => m.body === body && m.dateCreated.getTime() >= since.getTime() - 60_000)?.sid;
  }

  /** Called once the text's moment has come (the caller holds a reminder until then). */
  return async function sendSms(input: SendSmsInput): Promise<SendEmailResult> {
    const line = textLine(log, input);
    // One read for both questions: is a held reminder still due, and where and how to text.
    const interview = await interviews.findById(input.facts.interviewId, TEXT_READ).lean<TextReading>();
    if (input.sendAt !== undefined && !holdsItsTime(interview, input)) {
      line.info('text reminder held until its moment, and the interview has moved or been cancelled since: not sending');
      return { status: 'NO_LONGER_DUE' };
    }
    const number = numberOf(interview);
    if ('notSent' in number) return recordNotSent(messages, input, number.to, number.notSent);
    const { to } = number;
    if ((await smsOptOuts.exists({ _id: to })) !== null) {
      line.info('the number replied STOP: not texting it');
      return recordNotSent(messages, input, to, STOPPED);
    }
    const body = composeText(input, interview);
    const claim = await claimSend({ messages, sendTakeovers }, input, body, sendLeaseMs, { to });
    if (!claim.send) {
      line.info({ status: claim.result.status }, 'text already handled, not sending again');
      return claim.result;
    }
    if (claim.afterEarlier) {
      const row = await messages.findById(input.idempotencyKey, { createdAt: 1 }).lean();
      const earlier = await sentEarlier(to, body, row?.createdAt ?? new Date(0));
      if (earlier !== undefined) {
        await recordSent(messages, input.idempotencyKey, earlier);
        line.info({ messageId: earlier }, 'an earlier attempt had sent this text; not sending again');
        return { status: 'SENT', messageId: earlier };
      }
    }
    const result = await requestText(deps, input, to, body, line);
    if (result.status === 'SENT') line.info({ messageId: result.messageId }, 'text sent');
    return result;
  };
}
