import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Credentials never reach a log line: nothing here logs requests or their headers, and should a
 * later change log one, these fields (an `Authorization` bearer API key or candidate token, the
 * session cookie, a token, key or secret field at the top or one level down) are written as
 * `[redacted]`.
 */
export const REDACTED_FIELDS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'token',
  'key',
  'secret',
  '*.token',
  '*.key',
  '*.secret',
];

export function createLog(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'booking' }, redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
