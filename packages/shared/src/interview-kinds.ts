/**
 * Interview kinds and their per-kind rules: duration, reschedule limit, the candidate's reminder
 * offsets, how many interviewers sit at once (HR may pick another number per invitation, within
 * the pool), the interviewers' own reminder, and how many working days HR has to decide.
 */
export const INTERVIEW_KINDS = {
  technical: {
    label: 'Technical interview',
    durationMinutes: 60,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 1,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
  screening: {
    label: 'Screening call',
    durationMinutes: 30,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 1,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
  panel: {
    label: 'Panel interview',
    durationMinutes: 90,
    rescheduleLimit: 2,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 2,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
} as const satisfies Record<string, KindRules>;

export interface KindRules {
  label: string;
  durationMinutes: number;
  rescheduleLimit: number;
  reminderOffsetsMinutes: readonly number[];
  panelSize: number;
  interviewerReminderMinutes: number;
  decisionWorkingDays: number;
}

export type InterviewKind = keyof typeof INTERVIEW_KINDS;
export const INTERVIEW_KIND_NAMES = Object.keys(INTERVIEW_KINDS) as [InterviewKind, ...InterviewKind[]];
