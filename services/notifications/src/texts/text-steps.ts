import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import type { SendEmailResult, SendSmsInput } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { sendingRow } from '../sends/send-claim';
import { readingOf } from '../sends/interview-reading';
import { recordSent, statusCallbackOf } from './text-status';
import { composeSms } from '../templates/sms';
import type { TwilioClient } from './twilio-client';

/**
 * The steps a text takes, alone (sms-activity.ts) or in a batch (sms-batches.ts): one read of its
 * interview answers whether a held reminder is still due and where and how to text; a number that
 * replied STOP, or an interview no longer opted in, gets nothing and its row says so, once.
 */
export const TEXT_READ = { status: 1, slot: 1, locale: 1, kind: 1, kindTitles: 1, candidatePhone: 1, smsOptIn: 1, team: 1 } as const;
export type TextReading = Pick<InterviewDocument, '_id' | 'status' | 'slot' | 'locale' | 'kind' | 'candidatePhone' | 'smsOptIn' | 'team'>;

/** The number to text, or why there is none to text (before the STOP list is asked). */
export function numberOf(interview: TextReading | null): { to: string } | { to: string; notSent: string } {
  const to = interview?.candidatePhone ?? null;
  if (to === null || interview?.smsOptIn !== true) return { to: to ?? 'none', notSent: 'the candidate has not opted in to texts' };
  return { to };
}

export const STOPPED = 'the number replied STOP';
/** Twilio's refusal of a text to a number that replied STOP to the sender ("Attempt to send to unsubscribed recipient"). */
const TWILIO_UNSUBSCRIBED = 21610;

/** The audit line of a text not sent, e.g. "reminder text not sent: the number replied STOP". */
function notSentAudit(input: SendSmsInput, why: string): { audit?: string } {
  return input.audit === undefined ? {} : { audit: `${input.audit.replace(/ sent$/, '')} not sent: ${why}` };
}

export async function recordNotSent(messages: Database['messages'], input: SendSmsInput, to: string, why: string): Promise<SendEmailResult> {
  try {
    await messages.create({ ...sendingRow(input, why, { to }), status: 'OPTED_OUT', ...notSentAudit(input, why) });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  return { status: 'OPTED_OUT' };
}

/** The text's body in the interview's language; bad facts are refused once, for good. */
export function composeText(input: SendSmsInput, interview: TextReading | null): string {
  try {
    return composeSms(input, readingOf(interview));
  } catch (error) {
    if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
    throw error;
  }
}

/** A Twilio refusal that will not change on a retry: a 4xx other than rate limiting. */
function permanentRefusal(error: unknown): { status: number; code: number; message: string } | null {
  const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || status === 429) return null;
  return { status, code: typeof code === 'number' ? code : 0, message: String(message) };
}

export interface TextRequest {
  twilio: Pick<TwilioClient, 'messages'>;
  messages: Database['messages'];
  from: string;
  statusCallback: string;
}

type Turn = <T>(work: () => Promise<T>) => Promise<T>;
const now: Turn = (work) => work();

/**
 * Sends a claimed text through Twilio and records the answer on its log row: SENT with its sid (or
 * the sid alone when its delivery report came first; the callback URL names the row by its key),
 * FAILED for a refusal that will not change, or RETRYING, thrown, so Temporal asks again (and the
 * retry asks Twilio's message list before sending again). `twilioTurn` bounds the Twilio request
 * alone: the row's update never holds a request's place.
 */
export async function requestText(
  request: TextRequest, input: SendSmsInput, to: string, body: string, line: Logger, twilioTurn: Turn = now,
): Promise<SendEmailResult> {
  const asked = await askTwilio(request, input, to, body, line, twilioTurn);
  if ('status' in asked) return asked;
  await recordSent(request.messages, input.idempotencyKey, asked.sid);
  return { status: 'SENT', messageId: asked.sid };
}

/**
 * The Twilio request of a claimed text: its sid, or FAILED (written on its row) for a refusal that
 * will not change; a failure in passing leaves the row RETRYING and throws. The SENT is the caller's
 * to write (`recordSent`), now or once the moment's other texts have gone (sms-batches.ts).
 */
export async function askTwilio(
  { twilio, messages, from, statusCallback }: TextRequest,
  input: SendSmsInput, to: string, body: string, line: Logger, twilioTurn: Turn = now,
): Promise<{ sid: string } | SendEmailResult> {
  try {
    const { sid } = await twilioTurn(() => twilio.messages.create({ to, from, body, statusCallback: statusCallbackOf(statusCallback, input.idempotencyKey) }));
    return { sid };
  } catch (error) {
    const refusal = permanentRefusal(error);
    if (refusal?.code === TWILIO_UNSUBSCRIBED) {
      // The number replied STOP after this text's check: Twilio keeps the opt-out too, and says so.
      await messages.updateOne({ _id: input.idempotencyKey }, { $set: { status: 'OPTED_OUT', error: STOPPED, ...notSentAudit(input, STOPPED) } });
      line.info('Twilio says the number replied STOP: not texting it');
      return { status: 'OPTED_OUT' };
    }
    await messages.updateOne({ _id: input.idempotencyKey }, { $set: { status: refusal ? 'FAILED' : 'RETRYING', errorCode: refusal?.code ?? 0, error: String((error as Error).message) } });
    if (refusal) {
      line.warn(refusal, 'Twilio refused the text; not retrying');
      return { status: 'FAILED', errorCode: refusal.code };
    }
    line.warn({ error: String(error) }, 'text send failed; Temporal will retry');
    throw new Error(`Twilio send failed: ${String((error as Error).message)}`);
  }
}
