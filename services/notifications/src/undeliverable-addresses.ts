import { Schema, type Connection, type Model } from 'mongoose';

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

const undeliverableSchema = new Schema<UndeliverableAddress>(
  {
    _id: { type: String, required: true },
    reason: { type: String, required: true },
    bounceType: String,
    at: { type: Date, required: true },
    messageId: String,
    interviewId: String,
  },
  { versionKey: false },
);

export type UndeliverableAddresses = Model<UndeliverableAddress>;

export function undeliverableAddressModel(connection: Connection): UndeliverableAddresses {
  return (
    (connection.models.UndeliverableAddress as UndeliverableAddresses | undefined) ??
    connection.model<UndeliverableAddress>('UndeliverableAddress', undeliverableSchema, 'undeliverable_addresses')
  );
}
