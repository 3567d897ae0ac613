import mongoose from 'mongoose';
import { isStoreRefusal } from '@portal/db/store-refusal';
import { DomainError } from '@portal/shared/errors';

const { mongo } = mongoose;

/** PostgreSQL's "cannot be converted to text" (22P05, 22021) and BSON's invalid UTF-8, as FerretDB and MongoDB word them. */
const UNSTORABLE_TEXT = /22P05|22021|unsupported Unicode escape|invalid byte sequence|Invalid UTF-8|invalid BSON/i;

function unavailable(): DomainError {
  return new DomainError('UNAVAILABLE', 'The portal cannot reach its database just now; try again in a minute.');
}

function isUnreachable(error: unknown): boolean {
  return (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongoose.Error.MongooseServerSelectionError ||
    // mongoose queues operations while disconnected and gives up with this plain error.
    (error instanceof mongoose.Error && /buffering timed out/.test(error.message))
  );
}

/**
 * A database or driver error as the typed refusal a caller can act on, or null when it is a
 * fault of ours (answered as an internal error with an id; see trpc.ts). The driver's own words
 * (FerretDB's Go file names, SQLSTATEs, collection names) stay in the log.
 */
export function storeRefusal(error: unknown): DomainError | null {
  const refusal = classify(error);
  if (refusal !== null) refusal.cause = error;
  return refusal;
}

function classify(error: unknown): DomainError | null {
  if (isUnreachable(error)) return unavailable();
  if (error instanceof mongo.MongoServerError) {
    if (error.code === 11000) return new DomainError('ALREADY_EXISTS', 'Someone changed this at the same moment; reload and try again.');
    // MaxTimeMSExpired: the database is too busy to answer in time.
    if (error.code === 50) return unavailable();
    if (UNSTORABLE_TEXT.test(error.message)) return new DomainError('BAD_INPUT', 'The request holds text the portal cannot store.');
  }
  // The one rule for what the store refuses for what it holds, as the workflows use it (docs/adr/0013).
  if (isStoreRefusal(error)) return new DomainError('BAD_INPUT', 'The request holds a value the portal cannot store.');
  return null;
}
