import { Schema, type Connection, type Model } from 'mongoose';
import { EMAIL_KINDS, type EmailKind } from '@portal/shared/email';

/**
 * SENDING/RETRYING: not yet accepted by Postmark. SENT: accepted (has messageId). FAILED: refused for good.
 * DELIVERED/BOUNCED/SPAM_COMPLAINT: what Postmark's webhook later reported for an accepted message.
 */
export const MESSAGE_STATUSES = ['SENDING', 'RETRYING', 'SENT', 'FAILED', 'DELIVERED', 'BOUNCED', 'SPAM_COMPLAINT'] as const;
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
  to: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  messageId?: string;
  errorCode?: number;
  error?: string;
  sentAt?: Date;
  events: MessageEvent[];
  createdAt: Date;
  updatedAt: Date;
}

const messageEventSchema = new Schema<MessageEvent>(
  { type: { type: String, required: true }, at: { type: Date, required: true }, details: String },
  { _id: false },
);

const messageLogSchema = new Schema<MessageLogEntry>(
  {
    _id: { type: String, required: true },
    interviewId: { type: String, required: true, index: true },
    kind: { type: String, enum: EMAIL_KINDS, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    status: { type: String, enum: MESSAGE_STATUSES, required: true },
    attempts: { type: Number, required: true, default: 1 },
    messageId: { type: String, index: true },
    errorCode: Number,
    error: String,
    sentAt: Date,
    events: { type: [messageEventSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type MessageLog = Model<MessageLogEntry>;

/** The `messages` collection on `connection`; one model per connection so tests can use their own database. */
export function messageLogModel(connection: Connection): MessageLog {
  return (connection.models.Message as MessageLog | undefined) ?? connection.model<MessageLogEntry>('Message', messageLogSchema, 'messages');
}
