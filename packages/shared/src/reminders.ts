import { z } from 'zod';

/**
 * Which reminders a candidate gets, when and how: one rule per (offset, channel). HR sets them per
 * interview kind and may override them per invitation; the lifecycle takes them at the invitation
 * and keeps them (docs/adr/0027). An SMS rule reaches only a candidate who opted in to texts.
 */
export const REMINDER_CHANNELS = ['email', 'sms'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

export interface ReminderRule {
  /** Minutes before the start; fractions allowed so tests run in seconds. */
  offsetMinutes: number;
  channel: ReminderChannel;
}

export const REMINDER_LIMITS = { maxRules: 8, maxOffsetMinutes: 30 * 24 * 60 } as const;

export const reminderRulesInput = z
  .array(
    z.object({
      offsetMinutes: z.number().positive().max(REMINDER_LIMITS.maxOffsetMinutes),
      channel: z.enum(REMINDER_CHANNELS),
    }),
  )
  .max(REMINDER_LIMITS.maxRules)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const key = `${rule.offsetMinutes}|${rule.channel}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'offsetMinutes'], message: 'This reminder is listed twice.' });
      seen.add(key);
    });
  });

/** Where HR has set no schedule: every default offset by email, and by SMS for a candidate who opted in. */
export function defaultReminderRules(offsetsMinutes: readonly number[]): ReminderRule[] {
  return offsetsMinutes.flatMap((offsetMinutes) => REMINDER_CHANNELS.map((channel) => ({ offsetMinutes, channel })));
}

/** The offsets (ms) of one channel, largest first, each once. */
export function channelOffsetsMs(rules: readonly ReminderRule[], channel: ReminderChannel): number[] {
  const offsets = rules.filter((rule) => rule.channel === channel).map((rule) => Math.round(rule.offsetMinutes * 60_000));
  return [...new Set(offsets)].sort((a, b) => b - a);
}
