/**
 * A write the store refuses for what it holds, not for how the store is doing: the same write
 * fails the same way however often it is sent, so retrying it only wedges its writer. Everything
 * not named here (network, server selection, timeouts, a restarting server, anything unknown) is
 * taken as transient and retried. docs/adr/0013-refused-writes.md gives the reasons.
 */

/** MongoDB server codes that judge the document or the command, never the moment. */
const REFUSING_SERVER_CODES = new Set<number>([
  2 /* BadValue */,
  9 /* FailedToParse */,
  14 /* TypeMismatch */,
  52 /* DollarPrefixedFieldName */,
  56 /* EmptyFieldName */,
  57 /* DottedFieldName */,
  66 /* ImmutableField */,
  121 /* DocumentValidationFailure */,
  10334 /* BSONObjectTooLarge */,
  17280 /* KeyTooLong */,
]);

/**
 * FerretDB answers a PostgreSQL error as InternalError (code 1) with the SQLSTATE in its message.
 * Class 22 is a data exception (22P05: a NUL that `text`/`jsonb` cannot hold; 22001: too long),
 * 23 an integrity constraint, 54 a program limit (a row or index entry too large). Classes 08
 * (connection), 40 (serialization, deadlock), 53 (resources), 57 (shutdown, cancel), 58 and XX are
 * the server's state, and retry.
 */
const REFUSING_SQLSTATE = /\bSQLSTATE (22|23|54)[0-9A-Z]{3}\b/;

/** Errors the driver or mongoose raise before anything is sent: the value itself cannot be written. */
const REFUSING_CLIENT_ERRORS = new Set(['ValidationError', 'CastError', 'StrictModeError', 'BSONError', 'MongoInvalidArgumentError']);

/** Labels the server puts on an error it means to be retried, whatever its code. */
const RETRY_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

function field(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name];
}

function hasRetryLabel(error: object): boolean {
  const labels = field(error, 'errorLabelSet');
  return labels instanceof Set && RETRY_LABELS.some((label) => labels.has(label));
}

export function isStoreRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = field(error, 'name');
  if (typeof name === 'string' && REFUSING_CLIENT_ERRORS.has(name)) return true;
  // The driver's serializer overruns its buffer on a document past its size limit.
  if (error instanceof RangeError) return true;
  if (hasRetryLabel(error)) return false;
  const code = field(error, 'code');
  if (typeof code !== 'number') return false;
  if (REFUSING_SERVER_CODES.has(code)) return true;
  const message = field(error, 'message');
  return code === 1 && typeof message === 'string' && REFUSING_SQLSTATE.test(message);
}
