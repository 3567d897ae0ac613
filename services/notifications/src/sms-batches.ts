import type { Logger } from 'pino';
import pLimit from 'p-limit';
import type { Database } from '@portal/db';
import type { SendEmailResult, SendSmsInput } from '@portal/shared/email';
import { holdsItsTime } from './held-reminder';
import { sendingRow } from './send-claim';
import { claimRows, sendsDueTogether, type Waiting } from './send-batches';
import { STOPPED, TEXT_READ, composeText, numberOf, recordNotSent, requestText, type TextReading, type TextRequest } from './text-steps';

/** A text reminder whose moment came, waiting for its batch. */
export interface HeldText {
  input: SendSmsInput;
  line: Logger;
}

export interface SmsBatchDeps extends TextRequest {
  interviews: Database['interviews'];
  smsOptOuts: Database['smsOptOuts'];
  /** Runs one batch when its turn comes: a lane of its own, never behind single sends (activities.ts). */
  turn: <T>(work: () => Promise<T>) => Promise<T>;
  maxBatch: number;
  /** Twilio requests in flight at once, over every batch: Twilio takes one text a request. */
  requestsAtOnce: number;
}

type WaitingText = Waiting<HeldText, SendEmailResult>;
type ReadyText = WaitingText & { to: string; body: string };

/**
 * Text reminders wake together as email reminders do (docs/adr/0010): every interview starting at
 * one time has its texts due at one moment. Each went alone, taking a sending turn for its own read,
 * STOP check, log insert, Twilio request and log update, and texts came 8–16 s after their moment
 * at 200 interviews where the emails came in 4 (docs/adr/0038). Those that wake together go
 * together: a read of each interview by `_id`, its number's STOP check straight after, all side by
 * side; one unordered insert of the log rows; then one Twilio request per text (Twilio has no batch
 * send), `requestsAtOnce` in flight over every batch, each row updated with its answer.
 *
 * "Sent once" stays as the single path keeps it: a text whose row is there already (a retry) is
 * handed back and goes alone through the single path's claim; a Twilio request that fails in passing
 * leaves its row RETRYING and fails that text's attempt, whose retry takes the row over and asks
 * Twilio's message list before sending again.
 */
export function createSmsBatches({ interviews, smsOptOuts, turn, maxBatch, requestsAtOnce, ...request }: SmsBatchDeps) {
  const { messages } = request;
  const inFlight = pLimit(requestsAtOnce);

  /** Its interview, and whether its number replied STOP: by `_id` both (`$in` would read the whole collection), one after the other. */
  async function readOne(id: string): Promise<{ interview: TextReading | null; stopped: boolean }> {
    const interview = await interviews.findById(id, TEXT_READ).lean<TextReading>();
    const number = numberOf(interview);
    return { interview, stopped: !('notSent' in number) && (await smsOptOuts.exists({ _id: number.to })) !== null };
  }

  // Each text is settled on its own from here: one failing never fails another that went.
  async function notSent(send: WaitingText, to: string, why: string): Promise<void> {
    if (why === STOPPED) send.line.info('the number replied STOP: not texting it');
    await recordNotSent(messages, send.input, to, why).then(send.settle, send.fail);
  }

  async function sendOne(text: ReadyText, batch: number): Promise<void> {
    try {
      const result = await requestText(request, text.input, text.to, text.body, text.line, inFlight);
      if (result.status === 'SENT') text.line.info({ messageId: result.messageId, batch }, 'text sent');
      text.settle(result);
    } catch (error) {
      text.fail(error);
    }
  }

  async function settleBatch(batch: WaitingText[]): Promise<void> {
    // Side by side, each interview's STOP check straight after its read: no step waits for the whole batch.
    const ids = [...new Set(batch.map((send) => send.input.facts.interviewId))];
    const read = new Map(await Promise.all(ids.map(async (id) => [id, await readOne(id)] as const)));

    const ready: ReadyText[] = [];
    const refusals: Promise<void>[] = [];
    for (const send of batch) {
      const { interview = null, stopped = false } = read.get(send.input.facts.interviewId) ?? {};
      if (!holdsItsTime(interview, send.input)) {
        send.line.info('text reminder held until its moment, and the interview has moved or been cancelled since: not sending');
        send.settle({ status: 'NO_LONGER_DUE' });
        continue;
      }
      const number = numberOf(interview);
      if ('notSent' in number) refusals.push(notSent(send, number.to, number.notSent));
      else if (stopped) refusals.push(notSent(send, number.to, STOPPED));
      else {
        try {
          ready.push({ ...send, to: number.to, body: composeText(send.input, interview) });
        } catch (error) {
          send.fail(error);
        }
      }
    }
    const claimed = await claimRows(messages, ready, ({ input, to, body }) => sendingRow(input, body, { to }));
    await Promise.all([...refusals, ...claimed.map((text) => sendOne(text, claimed.length))]);
  }

  /** Sends a held text reminder with whichever others woke with it; `null`: send it alone. */
  return sendsDueTogether<HeldText, SendEmailResult>({ turn, maxBatch, settleBatch });
}
