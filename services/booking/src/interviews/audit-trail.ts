import { ACCEPTED_STATUSES, type AuditEventDocument, type MessageLogEntry } from '@portal/db/documents';

export interface TrailEvent {
  at: string;
  actor: string;
  type: string;
  fromStatus: AuditEventDocument['fromStatus'];
  toStatus: AuditEventDocument['toStatus'];
  detail: string;
}

type LoggedMessage = Pick<MessageLogEntry, 'status' | 'audit' | 'sentAt' | 'updatedAt'>;

/**
 * An interview's audit trail: its audit events, and the messages whose log row carries an audit
 * line (sent reminders record themselves there rather than in an audit event of their own), once
 * accepted for delivery or, for a text, once skipped because the number opted out, in time order.
 * Such a line changes no status, so it names none.
 */
export function auditTrail(events: AuditEventDocument[], messages: LoggedMessage[]): TrailEvent[] {
  const recorded = events.map((event) => ({
    at: event.at.toISOString(),
    actor: event.actor,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    detail: event.detail,
  }));
  const sent = messages.flatMap((message) =>
    message.audit !== undefined && (ACCEPTED_STATUSES.includes(message.status) || message.status === 'OPTED_OUT')
      ? [{ at: (message.sentAt ?? message.updatedAt).toISOString(), actor: 'system', type: 'RECORD', fromStatus: null, toStatus: null, detail: message.audit }]
      : [],
  );
  return [...recorded, ...sent].sort((a, b) => a.at.localeCompare(b.at));
}
