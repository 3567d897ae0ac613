import { EMAIL_KINDS, type EmailKind } from '@portal/shared/email';
import { Schema } from 'mongoose';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

/**
 * SENDING/RETRYING: not yet accepted by Postmark. SENT: accepted (has messageId). FAILED: refused for good.
 * DELIVERED/BOUNCED/SPAM_COMPLAINT: what Postmark's webhook later reported for an accepted message.
 */
export const MESSAGE_STATUSES = ['SENDING', 'RETRYING', 'SENT', 'FAILED', 'DELIVERED', 'BOUNCED', 'SPAM_COMPLAINT', 'OPTED_OUT'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses that mean Postmark has the message: sending it again would be a duplicate. */
export const ACCEPTED_STATUSES: readonly MessageStatus[] = ['SENT', 'DELIVERED', 'BOUNCED', 'SPAM_COMPLAINT'];

export interface MessageEvent {
  type: string;
  at: Date;
  details?: string;
}

export interface MessageLogEntry {
  /** The idempotency key: (interview, kind, slot start[, offset]). */
  _id: string;
  interviewId: string;
  kind: EmailKind;
  /** Absent on email rows (and every row from before SMS); `sms` on a text, whose `to` is an E.164 number. */
  channel?: 'email' | 'sms';
  to: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  messageId?: string;
  errorCode?: number;
  error?: string;
  sentAt?: Date;
  /** The interview's audit line once this message is sent (a reminder's "24h reminder sent"). */
  audit?: string;
  events: MessageEvent[];
  createdAt: Date;
  updatedAt: Date;
}

/** One row per retry that took over a message: `<idempotencyKey>#<attempt>`, unique, so only one taker wins. */
export interface SendTakeoverDocument {
  _id: string;
  at: Date;
}

/** Addresses Postmark will not deliver to any more (hard bounce, spam complaint, deactivated), for HR to see and fix. */
export interface UndeliverableAddress {
  /** The address, lower-cased. */
  _id: string;
  reason: string;
  bounceType?: string;
  at: Date;
  messageId?: string;
  interviewId?: string;
}

/**
 * One row per Postmark webhook record the portal has applied, keyed by what Postmark says the
 * record is, so a replayed record finds its row taken and changes nothing again
 * (docs/adr/0050-postmark-records-applied-once.md). Holds Postmark's ids only, no address.
 */
export interface PostmarkRecordDocument {
  /** `<RecordType>|<Postmark's record id>`: `Delivery|<MessageID>`, `Bounce|<ID>|<MessageID>`. */
  _id: string;
  messageId: string;
  at: Date;
}

const messageEventSchema = embedded<MessageEvent>({ type: requiredString, at: requiredDate, details: String });

/** The notifications worker's log: one row per message, keyed by its idempotency key. */
export const messageLogSchema = validateUpdates(
  new Schema<MessageLogEntry>(
    {
        _id: requiredString,
        interviewId: requiredString,
        kind: { type: String, enum: EMAIL_KINDS, required: true },
        channel: { type: String, enum: ['email', 'sms'] },
        to: requiredString,
        subject: requiredString,
        status: { type: String, enum: MESSAGE_STATUSES, required: true },
        attempts: { type: Number, required: true, default: 1, min: 1 },
        messageId: String,
        errorCode: Number,
        error: String,
        sentAt: Date,
        audit: String,
        events: { type: [messageEventSchema], default: [] },
    },
    { ...STRICT, timestamps: true },
  ),
);
messageLogSchema.index({ interviewId: 1 });
messageLogSchema.index({ messageId: 1 });

/** A number that replied STOP (or another opt-out word) to our texts; removed when it replies START. */
export interface SmsOptOutDocument {
  /** The E.164 number. */
  _id: string;
  at: Date;
  /** The word that opted it out, as sent. */
  word: string;
}

export const smsOptOutSchema = validateUpdates(new Schema<SmsOptOutDocument>({ _id: requiredString, at: requiredDate, word: requiredString }, STRICT));

export const sendTakeoverSchema = validateUpdates(new Schema<SendTakeoverDocument>({ _id: requiredString, at: requiredDate }, STRICT));

export const postmarkRecordSchema = validateUpdates(new Schema<PostmarkRecordDocument>({ _id: requiredString, messageId: requiredString, at: requiredDate }, STRICT));

export const undeliverableSchema = validateUpdates(
  new Schema<UndeliverableAddress>(
    {
      _id: requiredString,
      reason: requiredString,
      bounceType: String,
      at: requiredDate,
      messageId: String,
      interviewId: String,
    },
    STRICT,
  ),
);
