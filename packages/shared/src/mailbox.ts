export interface Mailbox {
  name?: string;
  address: string;
}

const ADDRESS = /^[^\s@<>",;:()[\]\\]+@[^\s@<>",;:()[\]\\]+\.[^\s@<>",;:()[\]\\]+$/;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value);
}

/** Reads `address` or `Display Name <address>`; undefined when the address part is not an email address. */
export function parseMailbox(value: string): Mailbox | undefined {
  const trimmed = value.trim();
  const angled = /^(.*)<([^<>]+)>$/.exec(trimmed);
  const address = (angled ? angled[2] : trimmed)?.trim() ?? '';
  if (!isEmailAddress(address)) return undefined;
  const name = angled?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  return name ? { name, address } : { address };
}

/** A Postmark recipient field: comma-separated mailboxes. */
export function splitRecipients(field: string): string[] {
  return field
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
