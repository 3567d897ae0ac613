import type { Logger } from 'pino';
import pLimit from 'p-limit';
import type { Database } from '@portal/db';
import type { SendEmailResult, SendSmsInput } from '@portal/shared/email';
import { holdsItsTime } from '../sends/held-reminder';
import type { MomentReads } from './moment-reads';
import { sendingRow } from '../sends/send-claim';
import { claimRows, momentOf, sendsDueTogether, wokeMsOf, type Waiting } from './send-batches';
import type { SendPriority } from '../sends/send-priority';
import { STOPPED, askTwilio, composeText, numberOf, recordNotSent, type TextReading, type TextRequest } from '../texts/text-steps';
import { recordSent } from '../texts/text-status';

/** A text reminder whose moment came, waiting for its batch. */
export interface HeldText {
  input: SendSmsInput;
  line: Logger;
  /** Its number and whether it had replied STOP, as found when the text was handed over (`checkAhead`). */
  checked?: CheckedAhead;
}

export interface CheckedAhead {
  to: string;
  stopped: boolean;
}

/** A text handed over less than this ahead of its moment is checked at its moment only. */
const CHECK_AHEAD_MS = 2_000;

export interface SmsBatchDeps extends TextRequest {
  /** The moment's reads of its interviews, shared with its email reminders (moment-reads.ts). */
  reads: MomentReads;
  /** The reads, STOP checks, claims and Twilio requests go first; the rows' SENT after (send-priority.ts). */
  priority: SendPriority;
  /** A moment's emails go ahead of its texts: a text batch claims and sends once the email batches have (held-batches.ts). */
  emailsAhead: SendPriority;
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
export function createSmsBatches({ reads, priority, emailsAhead, smsOptOuts, turn, maxBatch, requestsAtOnce, ...request }: SmsBatchDeps) {
  const { messages } = request;
  const inFlight = pLimit(requestsAtOnce);

  /**
   * Its interview, and whether its number replied STOP: by `_id` both (`$in` would read the whole
   * collection). A number found free of STOP when the text was handed over is not asked again: a
   * STOP since then reaches Twilio first, which refuses the text (21610) and the row says OPTED_OUT
   * (text-steps.ts). Any other number (a new one, or one that had stopped and may have said START)
   * is asked now.
   */
  async function readOne(id: string, dueAt: number, checked: CheckedAhead | undefined): Promise<{ interview: TextReading | null; stopped: boolean }> {
    const interview = await reads(id, dueAt);
    const number = numberOf(interview);
    if ('notSent' in number || (checked?.to === number.to && !checked.stopped)) return { interview, stopped: false };
    return { interview, stopped: (await smsOptOuts.exists({ _id: number.to })) !== null };
  }

  /**
   * Asks, when a text reminder is handed over ahead of its moment, whether its number replied STOP,
   * so that the moment itself, when every reminder of the interviews starting then is due, asks
   * nothing more of the STOP list for it.
   */
  async function checkAhead(input: SendSmsInput, line: Logger): Promise<CheckedAhead | undefined> {
    if (input.sendAt === undefined) return undefined;
    const { sendAt } = input;
    // A hand-over can come while another moment sends (a lead as long as the gap between two
    // moments, or a worker whose slots that moment holds): these reads go behind its sends, as the
    // writes that record them do.
    return priority.afterSends(async () => {
      if (Date.parse(sendAt) - Date.now() < CHECK_AHEAD_MS) return undefined;
      const number = numberOf(await reads(input.facts.interviewId, 0));
      if ('notSent' in number) return undefined;
      const checked = { to: number.to, stopped: (await smsOptOuts.exists({ _id: number.to })) !== null };
      line.debug({ stopped: checked.stopped }, 'STOP list asked ahead');
      return checked;
    });
  }

  // Each text is settled on its own from here: one failing never fails another that went.
  async function notSent(send: WaitingText, to: string, why: string): Promise<void> {
    if (why === STOPPED) send.line.info('the number replied STOP: not texting it');
    await recordNotSent(messages, send.input, to, why).then(send.settle, send.fail);
  }

  /** Twilio's answer to one text: its sid, to be written once the moment's texts have gone; settled now otherwise. */
  async function sendOne(text: ReadyText): Promise<{ text: ReadyText; sid: string } | null> {
    try {
      const asked = await askTwilio(request, text.input, text.to, text.body, text.line, inFlight);
      if ('sid' in asked) return { text, sid: asked.sid };
      text.settle(asked);
    } catch (error) {
      text.fail(error);
    }
    return null;
  }

  /** Writes SENT on each row once this process's urgent sends are done, a few rows at a time (send-priority.ts), and settles each text. */
  async function recordAll(sent: { text: ReadyText; sid: string }[], batch: number): Promise<void> {
    await Promise.all(
      sent.map(async ({ text, sid }) => {
        try {
          await priority.afterSends(() => recordSent(messages, text.input.idempotencyKey, sid));
          text.line.info({ messageId: sid, batch }, 'text sent');
          text.settle({ status: 'SENT', messageId: sid });
        } catch (error) {
          text.fail(error);
        }
      }),
    );
  }

  async function settleBatch(batch: WaitingText[]): Promise<void> {
    const { sent, claimed } = await priority.urgent(() => sendBatch(batch));
    // The batch's turn is given back before the writes: the next batch need not wait for them.
    if (sent.length > 0) void recordAll(sent, claimed);
  }

  /** Reads, claims and sends a batch; the texts Twilio took, with their sids, and how many the batch claimed. */
  async function sendBatch(batch: WaitingText[]): Promise<{ sent: { text: ReadyText; sid: string }[]; claimed: number }> {
    // Side by side, each interview's STOP check straight after its read: no step waits for the whole batch.
    const ids = [...new Set(batch.map((send) => send.input.facts.interviewId))];
    const dueAt = momentOf(batch);
    const started = Date.now();
    const checked = new Map(batch.map((send) => [send.input.facts.interviewId, send.checked] as const));
    const read = new Map(await Promise.all(ids.map(async (id) => [id, await readOne(id, dueAt, checked.get(id))] as const)));
    const readAt = Date.now();
    // The reads above join the email batches' own; the claims and requests wait for theirs.
    await emailsAhead.untilQuiet();
    const emailsDoneAt = Date.now();

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
    const claimedAt = Date.now();
    const [, asked] = await Promise.all([Promise.all(refusals), Promise.all(claimed.map(sendOne))]);
    // Where a moment's time went, once a batch (docs/adr/0045): its sends' wake, late to start, reading, claiming, sending.
    batch[0]?.line.info(
      { batch: batch.length, wokeMs: wokeMsOf(batch, dueAt), lateMs: started - dueAt, readMs: readAt - started, emailsMs: emailsDoneAt - readAt, claimMs: claimedAt - emailsDoneAt, sendMs: Date.now() - claimedAt },
      'text batch through Twilio',
    );
    return { sent: asked.flatMap((answer) => (answer ? [answer] : [])), claimed: claimed.length };
  }

  /** `send`: a held text reminder with whichever others woke with it (`null`: send it alone). */
  return { send: sendsDueTogether<HeldText, SendEmailResult>({ turn, maxBatch, settleBatch }), checkAhead };
}
