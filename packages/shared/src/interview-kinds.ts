/** Interview kinds and their per-kind rules (duration, reschedule limit, reminder offsets). */
export const INTERVIEW_KINDS = {
  technical: {
    label: 'Technical interview',
    durationMinutes: 60,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
  },
  screening: {
    label: 'Screening call',
    durationMinutes: 30,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
  },
  panel: {
    label: 'Panel interview',
    durationMinutes: 90,
    rescheduleLimit: 2,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
  },
} as const satisfies Record<string, KindRules>;

export interface KindRules {
  label: string;
  durationMinutes: number;
  rescheduleLimit: number;
  reminderOffsetsMinutes: readonly number[];
}

export type InterviewKind = keyof typeof INTERVIEW_KINDS;
export const INTERVIEW_KIND_NAMES = Object.keys(INTERVIEW_KINDS) as [InterviewKind, ...InterviewKind[]];
