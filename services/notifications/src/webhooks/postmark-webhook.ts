import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { screened, stripControlCharacters } from '@portal/shared/text';
import { basicAuth } from './basic-auth';
import { claimRecord } from './postmark-replays';
import type { Database } from '@portal/db';
import type { MessageStatus } from '@portal/db/documents';

export interface WebhookDeps {
  messages: Database['messages'];
  undeliverable: Database['undeliverable'];
  postmarkRecords: Database['postmarkRecords'];
  user: string;
  password: string;
  log: Logger;
}

/**
 * Text at the edge (docs/adr/0012): what the portal matches on (ids, the address, the record's
 * type and times) refuses control characters, naming the field; the prose Postmark quotes from a
 * mail server is someone else's text and is cleaned instead, so the record is still kept.
 */
const key = (max: number) => screened(z.string().min(1).max(max));
const prose = z.string().max(10_000).transform(stripControlCharacters);

const delivery = z.object({
  RecordType: z.literal('Delivery'),
  MessageID: key(200),
  Recipient: key(254).optional(),
  DeliveredAt: key(64).optional(),
  Details: prose.optional(),
});

const bounceLike = {
  /** Postmark's id of the bounce record, a number; kept as text (postmark-replays.ts). */
  ID: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  MessageID: key(200),
  Type: key(64).optional(),
  Email: key(254),
  BouncedAt: key(64).optional(),
  Description: prose.optional(),
  Details: prose.optional(),
  Inactive: z.boolean().optional(),
};

const event = z.discriminatedUnion('RecordType', [
  delivery,
  z.object({ RecordType: z.literal('Bounce'), ...bounceLike }),
  z.object({ RecordType: z.literal('SpamComplaint'), ...bounceLike }),
]);
type PostmarkEvent = z.infer<typeof event>;
type BounceEvent = Exclude<PostmarkEvent, { RecordType: 'Delivery' }>;

/** Webhook news only moves a message forward: a late Delivery never hides an earlier bounce. */
const RANK: Partial<Record<MessageStatus, number>> = { SENT: 0, DELIVERED: 1, BOUNCED: 2, SPAM_COMPLAINT: 3 };
const STATUS_FOR = { Delivery: 'DELIVERED', Bounce: 'BOUNCED', SpamComplaint: 'SPAM_COMPLAINT' } as const;
/** Bounce records that are not a failure of the message: a delay Postmark keeps retrying, or an out-of-office reply. */
const NOT_A_FAILURE = new Set(['Transient', 'AutoResponder']);

function statusAfter(e: PostmarkEvent): MessageStatus | undefined {
  if (e.RecordType === 'Bounce' && e.Type !== undefined && NOT_A_FAILURE.has(e.Type)) return undefined;
  return STATUS_FOR[e.RecordType];
}

function eventAt(e: PostmarkEvent): Date {
  const at = new Date((e.RecordType === 'Delivery' ? e.DeliveredAt : e.BouncedAt) ?? Date.now());
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/** A hard bounce, a spam complaint or Postmark deactivating the address: further sends would be refused. */
function makesUndeliverable(e: PostmarkEvent): e is BounceEvent {
  return e.RecordType !== 'Delivery' && (e.RecordType === 'SpamComplaint' || e.Type === 'HardBounce' || e.Inactive === true);
}

/** Applies one record to the message log and the undeliverable list; whether a message of ours matched. */
async function applyRecord({ messages, undeliverable, log }: WebhookDeps, e: PostmarkEvent): Promise<boolean> {
  const at = eventAt(e);
  const entry = await messages.findOne({ messageId: e.MessageID }).lean();
  const line = log.child({ interviewId: entry?.interviewId, messageId: e.MessageID, recordType: e.RecordType });
  if (entry) {
    const next = statusAfter(e);
    const moves = next !== undefined && (RANK[next] ?? 0) > (RANK[entry.status] ?? -1);
    const details = e.RecordType === 'Delivery' ? e.Details : [e.Type, e.Description, e.Details].filter(Boolean).join(': ');
    await messages.updateOne(
      { _id: entry._id },
      { ...(moves ? { $set: { status: next } } : {}), $push: { events: { type: e.RecordType, at, details } } },
    );
    line.info({ status: moves ? next : entry.status, bounceType: 'Type' in e ? e.Type : undefined }, 'Postmark event recorded');
  } else {
    // Not ours (another app on the Postmark server) or it raced ahead of our own SENT write; 200 stops Postmark retrying.
    line.warn('Postmark event for an unknown MessageID');
  }
  if (makesUndeliverable(e)) {
    const reason = e.RecordType === 'SpamComplaint' ? 'SpamComplaint' : (e.Type ?? 'Inactive');
    await undeliverable.updateOne(
      { _id: e.Email.toLowerCase() },
      { $set: { reason, bounceType: e.Type, at, messageId: e.MessageID, interviewId: entry?.interviewId } },
      { upsert: true },
    );
    line.warn({ email: e.Email }, 'address marked undeliverable');
  }
  return entry !== null;
}

export function postmarkWebhook(deps: WebhookDeps): Router {
  const { postmarkRecords, user, password, log } = deps;
  const router = express.Router();
  router.post('/webhooks/postmark', basicAuth(user, password, 'postmark-webhooks'), express.json({ limit: '1mb' }), async (req, res) => {
    const recordType = (req.body as { RecordType?: unknown } | undefined)?.RecordType;
    if (typeof recordType === 'string' && !(recordType in STATUS_FOR)) {
      res.json({ ignored: recordType });
      return;
    }
    const parsed = event.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: z.prettifyError(parsed.error) });
      return;
    }
    const e = parsed.data;
    const claim = await claimRecord(postmarkRecords, e, new Date());
    if (claim === null) {
      log.info({ messageId: e.MessageID, recordType: e.RecordType }, 'Postmark record replayed; applied before, nothing changed');
      res.json({ ok: true, replayed: true });
      return;
    }
    let matched: boolean;
    try {
      matched = await applyRecord(deps, e);
    } catch (error) {
      // Not applied: give the record back so Postmark's retry (it gets a 500) applies it.
      await claim.release();
      throw error;
    }
    // A record for a message we do not know yet stays unclaimed: a replay after our SENT write can still match it.
    if (!matched) await claim.release();
    res.json({ ok: true, matched });
  });
  return router;
}
