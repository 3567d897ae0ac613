import { Schema } from 'mongoose';
import { SEEDED_KIND_IDS, type SeededKind } from '@portal/shared/interview-kinds';
import { MEETING_PROVIDERS, type MeetingProvider } from '@portal/shared/meeting-rooms';
import type { NoticeRules } from '@portal/shared/notice';
import { REMINDER_CHANNELS, type ReminderRule } from '@portal/shared/reminders';
import { STRICT, embedded, requiredDate, requiredNumber, requiredString, validateUpdates } from './strict-schema';

/**
 * HR's settings for one of the three kinds, as saved before kinds were data (docs/adr/0065): read
 * once, when the seeded kinds are written, and never written again.
 */
export interface KindSettingsDocument extends NoticeRules {
  _id: SeededKind;
  /** Where the kind's interviews are held; absent on settings saved before providers: Jitsi. */
  meetingProvider?: MeetingProvider;
  /** Which reminders go out, when and by which channel; absent: the portal's default schedule. */
  reminders?: ReminderRule[] | null;
  updatedAt: Date;
  updatedBy: string;
}

export const noticeRulesSchema = embedded<NoticeRules>({
  minNoticeMinutes: requiredNumber,
  horizonDays: requiredNumber,
  changeCutoffMinutes: requiredNumber,
});

export const reminderRuleSchema = embedded<ReminderRule>({
  offsetMinutes: { type: Number, required: true, min: 0 },
  channel: { type: String, enum: REMINDER_CHANNELS, required: true },
});

export const kindSettingsSchema = validateUpdates(
  new Schema<KindSettingsDocument>(
    {
      _id: { type: String, enum: SEEDED_KIND_IDS, required: true },
      minNoticeMinutes: { type: Number, required: true, min: 0 },
      horizonDays: { type: Number, required: true, min: 1 },
      changeCutoffMinutes: { type: Number, required: true, min: 0 },
      meetingProvider: { type: String, enum: MEETING_PROVIDERS },
      reminders: { type: [reminderRuleSchema], default: null },
      updatedAt: requiredDate,
      updatedBy: requiredString,
    },
    STRICT,
  ),
);
