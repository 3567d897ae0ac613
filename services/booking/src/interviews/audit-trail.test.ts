import { describe, expect, it } from 'vitest';
import type { AuditEventDocument } from '@portal/db/documents';
import { auditTrail } from './audit-trail';

const booked: AuditEventDocument = {
  _id: 'iv:1',
  interviewId: 'iv',
  at: new Date('2026-03-01T09:00:00Z'),
  actor: 'candidate',
  type: 'BOOK',
  fromStatus: 'INVITED',
  toStatus: 'SCHEDULED',
  detail: 'booked 2026-03-02T10:00:00.000Z',
};
const cancelled: AuditEventDocument = { ...booked, _id: 'iv:2', at: new Date('2026-03-02T09:30:00Z'), type: 'CANCEL', fromStatus: 'SCHEDULED', toStatus: 'CANCELLED', detail: 'cancelled' };

describe('the interview audit trail HR reads', () => {
  it('shows a sent reminder from its message-log row, in time order among the audit events', () => {
    const reminder = { status: 'SENT' as const, audit: '1h reminder sent', sentAt: new Date('2026-03-02T09:00:00Z'), updatedAt: new Date('2026-03-02T09:00:01Z') };
    const trail = auditTrail([booked, cancelled], [reminder]);

    expect(trail.map((event) => event.detail)).toEqual(['booked 2026-03-02T10:00:00.000Z', '1h reminder sent', 'cancelled']);
    expect(trail[1]).toEqual({ at: '2026-03-02T09:00:00.000Z', actor: 'system', type: 'RECORD', fromStatus: null, toStatus: null, detail: '1h reminder sent' });
  });

  it('leaves out a reminder still sending or refused by Postmark, and emails that carry no audit line', () => {
    const updatedAt = new Date('2026-03-02T09:00:00Z');
    const trail = auditTrail(
      [booked],
      [
        { status: 'SENDING', audit: '24h reminder sent', updatedAt },
        { status: 'FAILED', audit: '1h reminder sent', updatedAt },
        { status: 'SENT', sentAt: updatedAt, updatedAt },
      ],
    );

    expect(trail.map((event) => event.type)).toEqual(['BOOK']);
  });

  it('keeps a delivered reminder (Postmark reported it) in the trail', () => {
    const trail = auditTrail([], [{ status: 'DELIVERED', audit: '15min reminder sent', sentAt: new Date('2026-03-02T09:45:00Z'), updatedAt: new Date() }]);
    expect(trail.map((event) => event.detail)).toEqual(['15min reminder sent']);
  });
});
