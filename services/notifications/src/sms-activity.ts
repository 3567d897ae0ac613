import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Database } from '@portal/db';
import { isDuplicateKeyError } from '@portal/db';
import type { SendEmailResult, SendSmsInput } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { claimSend, sendingRow } from './send-claim';
import { holdsItsTime } from './held-reminder';
import { readingOf } from './interview-reading';
import { composeSms } from './templates/sms';
import type { TwilioClient } from './twilio-client';

export interface SmsDeps {
  messages: Database['messages'];
  interviews: Database['interviews'];
  sendTakeovers: Database['sendTakeovers'];
  smsOptOuts: Database['smsOptOuts'];
  twilio: Pick<TwilioClient, 'messages'>;
  /** The sending number, E.164. */
  from: string;
  /** Where Twilio reports delivery (webhooks/twilio/status on this service). */
  statusCallback: string;
  log: Logger;
  sendLeaseMs: number;
}

/** A Twilio refusal that will not change on a retry: a 4xx other than rate limiting. */
function permanentRefusal(error: unknown): { status: number; code: number; message: string } | null {
  const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || status === 429) return null;
  return { status, code: typeof code === 'number' ? code : 0, message: String(message) };
}

/**
 * Texts follow the email's exactly-once rules (activities.ts): the log row keyed by the text's
 * idempotency key is claimed before the send, and a later attempt after one that may have sent asks
 * Twilio's message list for the same body to the same number before sending again. A number that
 * replied STOP, or an interview no longer opted in, gets nothing; its row says so, once.
 */
export function createSmsSender(deps: SmsDeps) {
  const { messages, interviews, sendTakeovers, smsOptOuts, twilio, from, statusCallback, log, sendLeaseMs } = deps;

  async function recordNotSent(input: SendSmsInput, to: string, why: string): Promise<SendEmailResult> {
    const audit = input.audit === undefined ? undefined : `${input.audit.replace(/ sent$/, '')} not sent: ${why}`;
    try {
      await messages.create({ ...sendingRow(input, why, { to }), status: 'OPTED_OUT', ...(audit ? { audit } : {}) });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return { status: 'OPTED_OUT' };
  }

  async function sentEarlier(to: string, body: string, since: Date): Promise<string | undefined> {
    const listed = await twilio.messages.list({ to, from, limit: 50 });
    return listed.find((m) => m.body === body && m.dateCreated.getTime() >= since.getTime() - 60_000)?.sid;
  }

  /** Called once the text's moment has come (the caller holds a reminder until then). */
  return async function sendSms(input: SendSmsInput): Promise<SendEmailResult> {
    const info = activityInfo();
    const line = log.child({ interviewId: input.facts.interviewId, workflowId: info.workflowExecution?.workflowId, kind: input.kind, channel: 'sms', idempotencyKey: input.idempotencyKey, attempt: info.attempt });
    // One read for both questions: is a held reminder still due, and where and how to text.
    const interview = await interviews.findById(input.facts.interviewId, { status: 1, slot: 1, locale: 1, kind: 1, candidatePhone: 1, smsOptIn: 1 }).lean();
    if (input.sendAt !== undefined && !holdsItsTime(interview, input)) {
      line.info('text reminder held until its moment, and the interview has moved or been cancelled since: not sending');
      return { status: 'NO_LONGER_DUE' };
    }
    const to = interview?.candidatePhone ?? null;
    if (to === null || interview?.smsOptIn !== true) return recordNotSent(input, to ?? 'none', 'the candidate has not opted in to texts');
    if ((await smsOptOuts.exists({ _id: to })) !== null) {
      line.info('the number replied STOP: not texting it');
      return recordNotSent(input, to, 'the number replied STOP');
    }
    let body: string;
    try {
      body = composeSms(input, readingOf(interview));
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
      throw error;
    }
    const claim = await claimSend({ messages, sendTakeovers }, input, body, sendLeaseMs, { to });
    if (!claim.send) {
      line.info({ status: claim.result.status }, 'text already handled, not sending again');
      return claim.result;
    }
    const key = { _id: input.idempotencyKey };
    if (claim.afterEarlier) {
      const row = await messages.findById(input.idempotencyKey, { createdAt: 1 }).lean();
      const earlier = await sentEarlier(to, body, row?.createdAt ?? new Date(0));
      if (earlier !== undefined) {
        await messages.updateOne(key, { $set: { status: 'SENT', messageId: earlier, sentAt: new Date() }, $unset: { error: 1, errorCode: 1 } });
        line.info({ messageId: earlier }, 'an earlier attempt had sent this text; not sending again');
        return { status: 'SENT', messageId: earlier };
      }
    }
    let sid: string;
    try {
      sid = (await twilio.messages.create({ to, from, body, statusCallback })).sid;
    } catch (error) {
      const refusal = permanentRefusal(error);
      await messages.updateOne(key, { $set: { status: refusal ? 'FAILED' : 'RETRYING', errorCode: refusal?.code ?? 0, error: String((error as Error).message) } });
      if (refusal) {
        line.warn(refusal, 'Twilio refused the text; not retrying');
        return { status: 'FAILED', errorCode: refusal.code };
      }
      line.warn({ error: String(error) }, 'text send failed; Temporal will retry');
      throw new Error(`Twilio send failed: ${String((error as Error).message)}`);
    }
    await messages.updateOne(key, { $set: { status: 'SENT', messageId: sid, sentAt: new Date() }, $unset: { error: 1, errorCode: 1 } });
    line.info({ messageId: sid }, 'text sent');
    return { status: 'SENT', messageId: sid };
  };
}
