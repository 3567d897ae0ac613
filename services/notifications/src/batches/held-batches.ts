import type { Logger } from 'pino';
import type { Message, ServerClient } from 'postmark';
import type { Database } from '@portal/db';
import type { SendEmailInput, SendEmailResult } from '@portal/shared/email';
import { holdsItsTime } from '../sends/held-reminder';
import { sendingRow } from '../sends/send-claim';
import { readingOf } from '../sends/interview-reading';
import type { MomentReads } from './moment-reads';
import { teamOf } from '@portal/db/team-scope';
import type { TeamCards } from '../sends/team-cards';
import { claimRows, momentOf, sendsDueTogether, wokeMsOf, type Waiting as WaitingFor } from './send-batches';
import type { SendPriority } from '../sends/send-priority';
import type { Reading } from '../templates/words';

/** A held reminder whose moment came, composed, waiting for its batch. */
export interface HeldSend {
  input: SendEmailInput;
  message: Message;
  /** Composes it again in the interview's language, once the batch has read the interview. */
  compose?: (reading: Reading) => Message;
  line: Logger;
}

/**
 * What the batch made of one send: settled, or `null` when the batch could not claim it (its log
 * row was there already: a retry) and the send must go the way of every other, alone.
 */
export type BatchAnswer = SendEmailResult | null;

type Waiting = WaitingFor<HeldSend, SendEmailResult>;

export interface HeldBatchDeps {
  messages: Database['messages'];
  /** The moment's reads of its interviews, shared with its text reminders (moment-reads.ts). */
  reads: MomentReads;
  /** The interviews' teams as their emails name them (team-cards.ts). */
  cards?: TeamCards;
  /** The reads, claims and the Postmark request go first; the rows' updates after (send-priority.ts). */
  priority: SendPriority;
  /** A moment's emails go ahead of its texts: text batches wait while this is urgent (sms-batches.ts). */
  emailsAhead: SendPriority;
  postmark: Pick<ServerClient, 'sendEmailBatch'>;
  /** Runs one batch when its turn comes: the batches' own lane, never behind single sends (activities.ts). */
  turn: <T>(work: () => Promise<T>) => Promise<T>;
  /** Postmark takes at most 500 messages in a batch. */
  maxBatch: number;
}

/**
 * Held reminders wake together: the reminders of every interview that starts at one time are due
 * at one moment. Sent one by one, each costs three database round trips and one Postmark request,
 * and a thousand of them took 20 s here. Those that wake together go together instead: a read of
 * each interview by `_id`, one unordered insert of their log rows, one Postmark batch, then an
 * update of each row with what Postmark answered for it (docs/adr/0010). Batches take turns in a lane of their own.
 *
 * "Sent once" stays as the single path keeps it. A send whose row was already there (a retry) is
 * handed back, and goes alone through the single path's claim. A batch that fails as a whole leaves
 * its rows RETRYING and throws for each send, so each is retried alone, asking Postmark's search
 * for its key before sending again. A batch of one also goes alone.
 */
export function createHeldBatches({ messages, reads, cards, priority, emailsAhead, postmark, turn, maxBatch }: HeldBatchDeps) {
  async function settleBatch(batch: Waiting[]): Promise<void> {
    const sent = await emailsAhead.urgent(() => priority.urgent(() => sendBatch(batch)));
    if (sent === null) return;
    // What Postmark answered is written once the moment's sends have gone, a few rows at a time
    // (send-priority.ts), with the batch's turn given back: the next batch need not wait for these writes.
    const [claimed] = sent;
    void recordAnswers(...sent).catch((error: unknown) => {
      for (const send of claimed) send.fail(error);
    });
  }

  /** Reads, claims and sends a batch; its claimed sends and Postmark's answers, `null` when none was claimed. */
  async function sendBatch(batch: Waiting[]): Promise<[Waiting[], PostmarkAnswers] | null> {
    // By `_id`, one read each, side by side: `$in` would read the whole interviews collection (docs/data.md, rule 1).
    const ids = [...new Set(batch.map((send) => send.input.facts.interviewId))];
    const dueAt = momentOf(batch);
    const started = Date.now();
    const found = await Promise.all(ids.map((id) => reads(id, dueAt)));
    const readAt = Date.now();
    const byId = new Map(found.flatMap((interview) => (interview ? [[interview._id, interview] as const] : [])));
    // Each team read once for the batch (and kept a minute), before the emails are composed.
    if (cards) await Promise.all([...new Set([...byId.values()].map(teamOf))].map((team) => cards.card(team)));
    const due = batch.filter((send) => {
      const interview = byId.get(send.input.facts.interviewId) ?? null;
      if (holdsItsTime(interview, send.input)) {
        // The same read says which language the reminder speaks: no read of its own per message.
        if (send.compose) send.message = send.compose(readingOf(interview, interview ? cards?.known(teamOf(interview)) : undefined));
        return true;
      }
      send.line.info({ sendAt: send.input.sendAt }, 'reminder held until its moment, and the interview has moved or been cancelled since: not sending');
      send.settle({ status: 'NO_LONGER_DUE' });
      return false;
    });
    const claimed = await claimRows(messages, due, ({ input, message }) => sendingRow(input, message.Subject ?? ''));
    if (claimed.length === 0) return null;
    const claimedAt = Date.now();
    try {
      const answers = await postmark.sendEmailBatch(claimed.map((send) => send.message));
      // Where a moment's time went, once a batch (docs/adr/0045): its sends' wake, late to start, reading, claiming, sending.
      batch[0]?.line.info({ batch: batch.length, wokeMs: wokeMsOf(batch, dueAt), lateMs: started - dueAt, readMs: readAt - started, claimMs: claimedAt - readAt, sendMs: Date.now() - claimedAt }, 'email batch through Postmark');
      // Without an answer for each message, which went is unknown: the retries ask Postmark's search.
      if (answers.length !== claimed.length) throw new Error(`Postmark answered ${answers.length} of a batch of ${claimed.length}`);
      return [claimed, answers];
    } catch (error) {
      await Promise.all(claimed.map((send) => messages.updateOne({ _id: keyOf(send) }, { $set: { status: 'RETRYING', error: String(error) } })));
      throw error;
    }
  }

  async function recordAnswers(claimed: Waiting[], answers: PostmarkAnswers): Promise<void> {
    // One update per row, not one bulk write: FerretDB v1 keeps every statement's query connection
    // open until a multi-statement command ends, so a bulk write of a batch held a connection per row
    // and two of them took its whole pool (docs/adr/0010). Should a write fail, the batch's sends are
    // retried alone and find their messages through Postmark's search.
    const recorded = await Promise.all(
      claimed.map(async (send, i): Promise<{ send: Waiting; result: SendEmailResult }> => {
        const answer = answers[i];
        if (answer?.ErrorCode === 0) {
          await priority.afterSends(() => messages.updateOne({ _id: keyOf(send) }, { $set: { status: 'SENT', messageId: answer.MessageID, sentAt: new Date() } }));
          return { send, result: { status: 'SENT', messageId: answer.MessageID } };
        }
        // Postmark refuses a message inside a batch for what is wrong with that message (an invalid or inactive recipient).
        await priority.afterSends(() => messages.updateOne({ _id: keyOf(send) }, { $set: { status: 'FAILED', errorCode: answer?.ErrorCode, error: answer?.Message } }));
        return { send, result: { status: 'FAILED', errorCode: answer?.ErrorCode } };
      }),
    );
    for (const { send, result } of recorded) {
      if (result.status === 'SENT') send.line.info({ messageId: result.messageId, batch: claimed.length }, 'email sent');
      else send.line.warn({ errorCode: result.errorCode, batch: claimed.length }, 'Postmark refused the email; not retrying');
      send.settle(result);
    }
  }

  /** Sends a held reminder with whichever others woke with it. */
  return sendsDueTogether<HeldSend, SendEmailResult>({ turn, maxBatch, settleBatch });
}

const keyOf = (send: HeldSend) => send.input.idempotencyKey;

type PostmarkAnswers = Awaited<ReturnType<ServerClient['sendEmailBatch']>>;
