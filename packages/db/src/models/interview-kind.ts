import { teamOwned } from './team-scope';
import { Schema } from 'mongoose';
import type { LocalisedText } from '@portal/shared/interview-kinds';
import type { Kit } from '@portal/shared/kits';
import { AVAILABILITY_ACTIONS, type AvailabilityAction } from '@portal/shared/availability';
import { MEETING_PROVIDERS, type MeetingProvider } from '@portal/shared/meeting-rooms';
import { reminderRuleSchema } from './kind-settings';
import type { ReminderRule } from '@portal/shared/reminders';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

/**
 * An interview kind HR defined (issue 50, docs/adr/0065), or one of the three seeded ones: its
 * titles, the rules each interview invited with it fixes, and its scorecard kit. A setting left
 * unset (null) takes the portal's default at each invitation.
 */
export interface InterviewKindDocument {
  /** The kind's slug, as interviews, loops and recorded histories carry it. */
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  titles: LocalisedText;
  durationMinutes: number;
  panelSize: number;
  rescheduleLimit: number;
  interviewerReminderMinutes: number;
  decisionWorkingDays: number;
  /** Notice, horizon and change cutoff; null: the portal's defaults. */
  minNoticeMinutes: number | null;
  horizonDays: number | null;
  changeCutoffMinutes: number | null;
  /**
   * Minutes each panel member keeps free before and after the kind's interviews, where more than
   * their own (docs/adr/0066); null: the members' own only.
   */
  bufferBeforeMinutes: number | null;
  bufferAfterMinutes: number | null;
  /** Where the kind's interviews are held; null: the portal's default (Jitsi). */
  meetingProvider: MeetingProvider | null;
  /** Which reminders go out, when and by which channel; null: the portal's default schedule. */
  reminders: ReminderRule[] | null;
  /** A time found in a candidate's windows: booked at once or offered as a hold (docs/adr/0073); null or absent: booked. */
  availabilityAction?: AvailabilityAction | null;
  /** How long the kind's holds last; null or absent: the portal's HOLD_MINUTES. */
  holdMinutes?: number | null;
  kit: Kit;
  /** An archived kind takes no new invitation; its interviews run on. */
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const optionalNumber = { type: Number, min: 0, default: null } as const;

export const interviewKindSchema = teamOwned(
  validateUpdates(
  new Schema<InterviewKindDocument>(
    {
      _id: requiredString,
      // Checked by the kind's input schema at the edge (packages/shared/src/schemas.ts): a text per language.
      titles: { type: Schema.Types.Mixed, required: true },
      durationMinutes: { type: Number, required: true, min: 5 },
      panelSize: { type: Number, required: true, min: 1 },
      rescheduleLimit: { type: Number, required: true, min: 0 },
      interviewerReminderMinutes: { type: Number, required: true, min: 0 },
      decisionWorkingDays: { type: Number, required: true, min: 1 },
      minNoticeMinutes: optionalNumber,
      horizonDays: { type: Number, min: 1, default: null },
      changeCutoffMinutes: optionalNumber,
      bufferBeforeMinutes: optionalNumber,
      bufferAfterMinutes: optionalNumber,
      meetingProvider: { type: String, enum: [...MEETING_PROVIDERS, null], default: null },
      reminders: { type: [reminderRuleSchema], default: null },
      availabilityAction: { type: String, enum: [...AVAILABILITY_ACTIONS, null], default: null },
      holdMinutes: { type: Number, min: 1, default: null },
      // Checked by kitInput at the edge: the questions in order, each with its id, prompt and type.
      kit: { type: Schema.Types.Mixed, required: true },
      archived: { type: Boolean, required: true, default: false },
      createdAt: requiredDate,
      updatedAt: requiredDate,
      updatedBy: requiredString,
    },
    STRICT,
  ),
),
);
interviewKindSchema.index({ archived: 1 });

