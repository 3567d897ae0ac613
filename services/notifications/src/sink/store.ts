import { randomUUID } from 'node:crypto';
import { parseMailbox, splitRecipients } from '@portal/shared/mailbox';

export interface SinkAttachment {
  Name: string;
  Content: string;
  ContentType: string;
}

/** One accepted message, with Postmark's field names so tests read it like the API they target. */
export interface SinkMessage {
  MessageID: string;
  SubmittedAt: string;
  From: string;
  To: string;
  Cc?: string;
  Bcc?: string;
  ReplyTo?: string;
  Subject: string;
  HtmlBody?: string;
  TextBody?: string;
  Tag?: string;
  MessageStream?: string;
  Headers: { Name: string; Value: string }[];
  Metadata: Record<string, string>;
  Attachments: SinkAttachment[];
}

export interface InjectedFailure {
  status: number;
  errorCode: number;
  message: string;
  /** Only sends whose recipients contain this (case-insensitive), so parallel test files cannot take each other's failures. */
  to?: string;
}

/** Sends that are accepted (stored) but answered only after `ms`: a client timing out on a message the server took. */
export interface InjectedStall {
  ms: number;
  to?: string;
}

/** The filters of Postmark's outbound message search the sink implements; all exact, case-insensitive. */
export interface OutboundSearch {
  recipient?: string;
  tag?: string;
  /** `metadata_<name>=<value>`: Postmark searches one metadata field at a time. */
  metadata?: { name: string; value: string };
}

export interface MessageFilter {
  to?: string;
  subject?: string;
  tag?: string;
  interviewId?: string;
}

/** In-memory outbox, newest last, holding at most `capacity` messages so a long dev session cannot grow without bound. */
export class SinkStore {
  private readonly messages: SinkMessage[] = [];
  private readonly failures: InjectedFailure[] = [];
  private readonly stalls: InjectedStall[] = [];

  constructor(private readonly capacity = 5000) {}

  add(message: Omit<SinkMessage, 'MessageID' | 'SubmittedAt'>): SinkMessage {
    const stored: SinkMessage = { ...message, MessageID: randomUUID(), SubmittedAt: new Date().toISOString() };
    this.messages.push(stored);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return stored;
  }

  /** Newest first. Filters are case-insensitive substring matches. */
  list(filter: MessageFilter = {}): SinkMessage[] {
    const has = (value: string | undefined, wanted: string | undefined) =>
      wanted === undefined || (value ?? '').toLowerCase().includes(wanted.toLowerCase());
    return this.messages
      .filter(
        (m) =>
          has(m.To, filter.to) &&
          has(m.Subject, filter.subject) &&
          has(m.Tag, filter.tag) &&
          has(m.Metadata.interviewId, filter.interviewId),
      )
      .reverse();
  }

  /** Newest first, as Postmark's `/messages/outbound` lists them. */
  search(filter: OutboundSearch): SinkMessage[] {
    const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
    const { recipient, tag, metadata } = filter;
    return this.messages
      .filter(
        (m) =>
          (recipient === undefined || recipientList(m).some((address) => same(address, recipient))) &&
          (tag === undefined || same(m.Tag, tag)) &&
          (metadata === undefined || m.Metadata[metadata.name] === metadata.value),
      )
      .reverse();
  }

  /** Postmark's data removal: every message sent to or from the address goes. */
  removeFor(address: string): number {
    const wanted = address.toLowerCase();
    const before = this.messages.length;
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      const message = this.messages[i] as SinkMessage;
      if ([...recipientList(message), message.From].some((a) => a.toLowerCase().includes(wanted))) this.messages.splice(i, 1);
    }
    return before - this.messages.length;
  }

  get(messageId: string): SinkMessage | undefined {
    return this.messages.find((m) => m.MessageID === messageId);
  }

  clear(): void {
    this.messages.length = 0;
    this.failures.length = 0;
    this.stalls.length = 0;
  }

  stallNext(count: number, stall: InjectedStall): void {
    for (let i = 0; i < count; i += 1) this.stalls.push(stall);
  }

  takeStall(recipients: string): InjectedStall | undefined {
    return takeMatching(this.stalls, recipients);
  }

  failNext(count: number, failure: InjectedFailure): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure);
  }

  /** The failure a send request to `recipients` must answer with, if one was injected for it. */
  takeFailure(recipients: string): InjectedFailure | undefined {
    return takeMatching(this.failures, recipients);
  }

  pendingFailures(): number {
    return this.failures.length + this.stalls.length;
  }
}

/** The first queued injection aimed at these recipients (or at anyone), removed from the queue. */
function takeMatching<T extends { to?: string }>(queue: T[], recipients: string): T | undefined {
  const lower = recipients.toLowerCase();
  const index = queue.findIndex((f) => f.to === undefined || lower.includes(f.to.toLowerCase()));
  return index === -1 ? undefined : queue.splice(index, 1)[0];
}

/** The bare addresses of To, Cc and Bcc. */
export function recipientList(message: Pick<SinkMessage, 'To' | 'Cc' | 'Bcc'>): string[] {
  return [message.To, message.Cc, message.Bcc]
    .flatMap((field) => splitRecipients(field ?? ''))
    .flatMap((recipient) => {
      const mailbox = parseMailbox(recipient);
      return mailbox ? [mailbox.address] : [];
    });
}
