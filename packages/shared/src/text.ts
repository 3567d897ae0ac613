import { z } from 'zod';

/**
 * Text at the edge (docs/adr/0012). Every string that comes in is checked once, here, before
 * anything reads or stores it: C0 control characters other than tab, line feed and carriage
 * return, DEL, and unpaired UTF-16 surrogates are refused in API inputs (BAD_REQUEST naming the
 * field) and stripped from text read from calendars. One-line text also refuses line breaks;
 * multi-line text takes CR LF and a lone CR as a line break and stores LF.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's whole job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
const LINE_BREAK = /[\n\r]/;
/** Half of a surrogate pair: JSON can carry it, UTF-8 (and so the database) cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters';
export const LINE_BREAK_MESSAGE = 'must be one line';

/** Whether `text` holds a character no field takes: a C0 control other than tab/LF/CR, DEL, or half a surrogate pair. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text) || text.search(LONE_SURROGATE) !== -1;
}

/** Calendar text is someone else's data: it is cleaned, never refused (one odd event must not stop a sync). */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_ALL, '').replace(LONE_SURROGATE, '\uFFFD');
}

const noControl = z.string().refine((text) => !hasControlCharacters(text), { error: CONTROL_CHARACTERS_MESSAGE, abort: true });

/** Any string, checked by the rule before the schema's own checks (a format, an id's shape). */
export function screened<T extends z.ZodType<unknown, string>>(schema: T) {
  return noControl.pipe(schema);
}

interface Length {
  min?: number;
  minMessage?: string;
  maxMessage?: string;
}

/** One line of text people type (a name, a position, a search), trimmed first, so a pasted trailing newline is no error. */
export function lineText(max: number, { min = 0, minMessage, maxMessage }: Length = {}) {
  return screened(
    z.string().trim().refine((text) => !LINE_BREAK.test(text), { error: LINE_BREAK_MESSAGE, abort: true }).min(min, minMessage).max(max, maxMessage),
  );
}

/** Text of several lines (a reason, notes): CR LF and a lone CR are stored as LF, then trimmed. */
export function multilineText(max: number, { min = 0, minMessage, maxMessage }: Length = {}) {
  return screened(z.string().transform((text) => text.replace(/\r\n?/g, '\n'))).pipe(z.string().trim().min(min, minMessage).max(max, maxMessage));
}

/** A secret as typed (a password, an app password): never trimmed, one line. */
export function secretText(max: number, { min = 1, minMessage, maxMessage }: Length = {}) {
  return screened(z.string().refine((text) => !LINE_BREAK.test(text), { error: LINE_BREAK_MESSAGE, abort: true }).min(min, minMessage).max(max, maxMessage));
}
