import { describe, expect, it } from 'vitest';
import { hrEn, type HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { createI18n, type MessageValues } from '@portal/shared/i18n/translator';
import { describeEvent } from './timeline-sentence';

const hrI18n = createI18n({ en: hrEn });
const english = (key: HrMessageKey, values?: MessageValues) => hrI18n.t(key, values ?? {});

const event = (type: string, actor: string, detail: string) => ({
  at: '2026-11-23T12:00:00.000Z',
  actor,
  type,
  fromStatus: null,
  toStatus: null,
  detail,
});
const say = (type: string, actor: string, detail: string, zone = 'Europe/London') =>
  describeEvent(event(type, actor, detail), zone, 'en-GB', english);

describe('the HR timeline in plain language', () => {
  it('says a booking as the day and time it was booked for, in the viewer zone, and who booked it', () => {
    expect(say('BOOK', 'candidate', 'booked 2026-11-24T10:15:00.000Z')).toMatchObject({
      text: 'Booked for Tue 24 Nov, 10:15 by the candidate',
      note: null,
    });
    expect(say('BOOK', 'candidate', 'booked 2026-11-24T10:15:00.000Z', 'America/New_York').text).toBe(
      'Booked for Tue 24 Nov, 5:15 by the candidate',
    );
  });

  it('says a move from one local time to the other, with the reason apart', () => {
    expect(say('RESCHEDULE', 'hr@example.test', 'moved from 2026-11-24T10:15:00.000Z to 2026-11-25T14:00:00.000Z: panel ill')).toMatchObject({
      text: 'Moved from Tue 24 Nov, 10:15 to Wed 25 Nov, 14:00 by hr@example.test',
      note: 'Reason: panel ill',
    });
    expect(say('RESCHEDULE', 'candidate', 'moved from 2026-11-24T10:15:00.000Z to 2026-11-25T14:00:00.000Z').note).toBeNull();
    expect(say('RESCHEDULE', 'candidate', 'moved from 2026-11-24T10:15:00.000Z to 2026-11-25T14:00:00.000Z: ill; SMS reminders skipped (no opt-in to texts): 1h reminder').note).toBe(
      'Reason: ill. SMS reminders skipped (no opt-in to texts): 1h reminder',
    );
    expect(say('BOOK', 'candidate', 'booked 2026-11-24T10:15:00.000Z; SMS reminders skipped (no opt-in to texts): 1h reminder').note).toBe(
      'SMS reminders skipped (no opt-in to texts): 1h reminder',
    );
  });

  it('says who cancelled and why, without the raw status change', () => {
    const line = say('CANCEL', 'candidate', 'cancelled: found another job');
    expect(line).toMatchObject({ text: 'Cancelled by the candidate', note: 'Reason: found another job' });
    expect(line.text).not.toMatch(/→|SCHEDULED|CANCELLED/);
    expect(say('CANCEL', 'candidate', 'cancelled').note).toBeNull();
  });

  it('names invitations, retakes, outcomes and what the portal did by itself', () => {
    expect(say('INVITE', 'admin@example.test', 'invited for Platform Engineer').text).toBe('Invited for Platform Engineer by admin@example.test');
    expect(say('INVITE', 'admin@example.test', 'retake (attempt 2) of interview abc for Platform Engineer').text).toBe(
      'Invited to a retake (attempt 2) by admin@example.test',
    );
    expect(say('RECORD', 'admin@example.test', 'outcome set to ON_HOLD').text).toBe('Outcome set to on hold by admin@example.test');
    expect(say('RECORD', 'system', '24h reminder sent').text).toBe('24h reminder sent');
    expect(say('RECORD', 'candidate', 'candidate joined').text).toBe('The candidate joined');
    expect(say('WINDOW_CLOSES_ABSENT', 'admin@example.test', 'marked as a no-show by HR').text).toBe('Marked as a no-show by admin@example.test');
    expect(say('WINDOW_CLOSES_JOINED', 'system', 'interview window closed').text).toBe('The interview ended; the candidate attended');
    expect(say('EXPIRE', 'system', 'invitation expired before a booking').text).toBe('The invitation expired before the candidate booked');
  });

  it('keeps a note it does not recognise, with its instants made local', () => {
    expect(say('SOMETHING_NEW', 'system', 'happened at 2026-11-24T10:15:00Z')).toMatchObject({
      text: 'Something new by the portal',
      note: 'happened at Tue 24 Nov, 10:15',
    });
  });
});
