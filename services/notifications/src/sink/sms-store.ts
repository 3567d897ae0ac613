import { randomBytes } from 'node:crypto';

/** One status callback the sink made for a text, and how the portal answered it. */
export interface SinkCallback {
  status: string;
  httpStatus: number | null;
  at: string;
}

/** A text the sink accepted, in Twilio's field names (snake_case, as its REST API answers them). */
export interface SinkSms {
  sid: string;
  account_sid: string;
  from: string;
  to: string;
  body: string;
  status: string;
  date_created: string;
  status_callback: string | null;
  callbacks: SinkCallback[];
}

/** A reply the sink forwarded to the portal as if a phone had sent it. */
export interface SinkInbound {
  sid: string;
  from: string;
  to: string;
  body: string;
  url: string;
  httpStatus: number | null;
  at: string;
}

/** Twilio's SIDs: a two-letter prefix and 32 hex digits. */
export const twilioSid = (prefix: 'SM' | 'MM') => `${prefix}${randomBytes(16).toString('hex')}`;

/** Only the digits: `?to=+4915…` arrives as ` 4915…` when the plus is not escaped. */
const digits = (value: string) => value.replace(/\D/g, '');

/** In-memory texts, newest last, at most `capacity` of each kind. */
export class SmsStore {
  private readonly sent: SinkSms[] = [];
  private readonly inbound: SinkInbound[] = [];
  /** Numbers that replied STOP to a sending number, as `recipient>sender` digits: Twilio refuses texts to them (21610). */
  private readonly optedOut = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  add(sms: Omit<SinkSms, 'sid' | 'date_created' | 'callbacks' | 'status'>): SinkSms {
    const stored: SinkSms = { ...sms, sid: twilioSid('SM'), status: 'queued', date_created: new Date().toISOString(), callbacks: [] };
    this.sent.push(stored);
    if (this.sent.length > this.capacity) this.sent.splice(0, this.sent.length - this.capacity);
    return stored;
  }

  /** Twilio keeps the opt-out keywords itself: a STOP bars the number from that sender until START. */
  noteReply(from: string, to: string, meaning: 'opt-out' | 'opt-in' | 'other'): void {
    const pair = `${digits(from)}>${digits(to)}`;
    if (meaning === 'opt-out') this.optedOut.add(pair);
    else if (meaning === 'opt-in') this.optedOut.delete(pair);
  }

  isOptedOut(recipient: string, sender: string): boolean {
    return this.optedOut.has(`${digits(recipient)}>${digits(sender)}`);
  }

  addInbound(reply: SinkInbound): void {
    this.inbound.push(reply);
    if (this.inbound.length > this.capacity) this.inbound.splice(0, this.inbound.length - this.capacity);
  }

  /** Newest first; `to`/`from` match on the number's digits. */
  list(filter: { to?: string; from?: string } = {}): SinkSms[] {
    const same = (value: string, wanted: string | undefined) => wanted === undefined || digits(value) === digits(wanted);
    return this.sent.filter((m) => same(m.to, filter.to) && same(m.from, filter.from)).reverse();
  }

  replies(): SinkInbound[] {
    return [...this.inbound].reverse();
  }

  clear(): void {
    this.sent.length = 0;
    this.inbound.length = 0;
    this.optedOut.clear();
  }
}
