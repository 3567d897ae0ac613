import { EMAIL_KINDS } from '@portal/shared/email';
import { MESSAGE_STATUSES, type MessageEvent, type MessageLogEntry, type SendTakeoverDocument, type UndeliverableAddress } from '../documents';
import { Schema } from 'mongoose';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

const messageEventSchema = embedded<MessageEvent>({ type: requiredString, at: requiredDate, details: String });

/** The notifications worker's log: one row per message, keyed by its idempotency key. */
export const messageLogSchema = validateUpdates(
  new Schema<MessageLogEntry>(
    {
        _id: requiredString,
        interviewId: requiredString,
        kind: { type: String, enum: EMAIL_KINDS, required: true },
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

export const sendTakeoverSchema = validateUpdates(new Schema<SendTakeoverDocument>({ _id: requiredString, at: requiredDate }, STRICT));

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
