import { createHash, randomBytes } from 'node:crypto';
import type { Event, OnlineMeetingProviderType, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';

/**
 * The stand-in's mailboxes, in memory. Every change to an event takes the next number of one
 * counter; a delta token is a mailbox's epoch, the window and the number it was issued at, so
 * "what changed since" is every event with a higher number. Invalidating a mailbox's delta tokens
 * (a test's switch, as Exchange's token cache does when it overflows) bumps its epoch: older tokens
 * answer 410.
 */
export type StoredEvent = Event & { id: string; iCalUId: string };

export interface Entry {
  event: StoredEvent;
  /** Extended properties: Graph returns them only when a read expands them. */
  properties: SingleValueLegacyExtendedProperty[];
  createdSeq: number;
  changedSeq: number;
  deleted: boolean;
}

export interface Mailbox {
  email: string;
  epoch: number;
  entries: Map<string, Entry>;
  /** transactionId → the event created with it and the create's body (canonical JSON): what tells a retry from a different create. */
  transactionIds: Map<string, { eventId: string; request: string }>;
  /** The calendar's allowedOnlineMeetingProviders: Teams, as in a Microsoft 365 tenant today, unless a test took it away. */
  allowedOnlineMeetingProviders: OnlineMeetingProviderType[];
}

export type ChangeType = 'created' | 'updated' | 'deleted';

/** Exchange item ids: long, base64 with `-` and `_`. */
export const newEventId = () => `AAMkAGStandIn${randomBytes(36).toString('base64url')}`;
/** Exchange's iCalUId: a hex GlobalObjectId. */
export const newICalUId = () => `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString('hex').toUpperCase()}`;

export function createMailboxStore(onChange: (email: string, eventId: string, change: ChangeType) => void) {
  const mailboxes = new Map<string, Mailbox>();
  let seq = 0;

  const mailbox = (email: string): Mailbox => {
    const key = email.toLowerCase();
    let found = mailboxes.get(key);
    if (found === undefined) {
      found = { email: key, epoch: 1, entries: new Map(), transactionIds: new Map(), allowedOnlineMeetingProviders: ['teamsForBusiness'] };
      mailboxes.set(key, found);
    }
    return found;
  };

  /** Writes an event (new, changed or deleted), stamps it as Exchange does, and tells the mailbox's subscriptions. */
  function write(email: string, event: StoredEvent, properties: SingleValueLegacyExtendedProperty[], deleted = false): Entry {
    const box = mailbox(email);
    seq += 1;
    const before = box.entries.get(event.id);
    const now = new Date().toISOString();
    const changeKey = createHash('sha256').update(`${seq}:${event.id}`).digest('base64').slice(0, 28);
    const stored: StoredEvent = { ...event, lastModifiedDateTime: now, changeKey, createdDateTime: before?.event.createdDateTime ?? now };
    const entry: Entry = { event: stored, properties, createdSeq: before?.createdSeq ?? seq, changedSeq: seq, deleted };
    box.entries.set(event.id, entry);
    onChange(box.email, event.id, deleted ? 'deleted' : before === undefined ? 'created' : 'updated');
    return entry;
  }

  return {
    mailbox,
    write,
    live: (email: string, eventId: string): Entry | undefined => {
      const entry = mailbox(email).entries.get(eventId);
      return entry?.deleted ? undefined : entry;
    },
    /** Entries in creation order (paging follows it). */
    entries: (email: string) => [...mailbox(email).entries.values()].sort((a, b) => a.createdSeq - b.createdSeq),
    currentSeq: () => seq,
    invalidateDeltaTokens: (email: string) => {
      mailbox(email).epoch += 1;
    },
  };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;
