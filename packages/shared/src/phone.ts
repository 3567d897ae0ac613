import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A candidate's mobile number as the portal stores and texts it: E.164 (`+4915123456789`). Any
 * written form is accepted as long as it carries its country code (`+44 7911 123456`,
 * `0044 7911-123456`); a national number alone names no country, so it is refused rather than guessed.
 */
export function toE164(written: string): string | null {
  const trimmed = written.trim().replace(/^00/, '+');
  if (!trimmed.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : null;
}

export const PHONE_FORMAT_MESSAGE = 'Enter a mobile number with its country code, e.g. +44 7911 123456.';

/** How the number reads back to its owner: international format, never the bare digits. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
