import { DomainError } from './errors';

/**
 * How far ahead an interview may be booked and how late it may be changed: set per interview kind
 * by HR (the environment's values when HR has set none), overridable per invitation, and fixed into
 * the lifecycle when the invitation is made, so a later change to the kind moves no existing
 * interview's rules (docs/adr/0020).
 */
export interface NoticeRules {
  /** A slot is offered only this long after now, at least. */
  minNoticeMinutes: number;
  /** A slot is offered only before now plus this many days. */
  horizonDays: number;
  /** A candidate may reschedule or cancel only up to this long before the start. */
  changeCutoffMinutes: number;
}

export const NOTICE_LIMITS = {
  maxNoticeMinutes: 30 * 24 * 60,
  maxHorizonDays: 90,
  maxCutoffMinutes: 30 * 24 * 60,
} as const;

const MINUTES_PER_DAY = 24 * 60;

/** Why a set of notice rules cannot be used, naming the field; null when they can. */
export function noticeProblem(rules: NoticeRules): { field: keyof NoticeRules; message: string } | null {
  const { minNoticeMinutes, horizonDays, changeCutoffMinutes } = rules;
  if (!Number.isFinite(minNoticeMinutes) || minNoticeMinutes < 0 || minNoticeMinutes > NOTICE_LIMITS.maxNoticeMinutes) {
    return { field: 'minNoticeMinutes', message: `Minimum notice must be 0 to ${NOTICE_LIMITS.maxNoticeMinutes} minutes.` };
  }
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > NOTICE_LIMITS.maxHorizonDays) {
    return { field: 'horizonDays', message: `The booking horizon must be a whole number of days, 1 to ${NOTICE_LIMITS.maxHorizonDays}.` };
  }
  if (horizonDays * MINUTES_PER_DAY <= minNoticeMinutes) {
    return { field: 'horizonDays', message: 'The booking horizon must reach past the minimum notice, or no time is ever offered.' };
  }
  if (!Number.isFinite(changeCutoffMinutes) || changeCutoffMinutes < 0 || changeCutoffMinutes > NOTICE_LIMITS.maxCutoffMinutes) {
    return { field: 'changeCutoffMinutes', message: `The change cutoff must be 0 to ${NOTICE_LIMITS.maxCutoffMinutes} minutes.` };
  }
  return null;
}

/** The rules as given, or BAD_INPUT naming the field that cannot be used. */
export function checkedNotice(rules: NoticeRules): NoticeRules {
  const problem = noticeProblem(rules);
  if (problem) throw new DomainError('BAD_INPUT', problem.message, { field: problem.field });
  return rules;
}

/**
 * The rules an interview runs under: the invitation's own values over the kind's, over the
 * portal's defaults, each field on its own.
 */
export function resolveNotice(
  defaults: NoticeRules,
  kind?: Partial<NoticeRules> | null,
  invitation?: Partial<NoticeRules> | null,
): NoticeRules {
  const pick = <K extends keyof NoticeRules>(key: K): NoticeRules[K] => invitation?.[key] ?? kind?.[key] ?? defaults[key];
  return checkedNotice({
    minNoticeMinutes: pick('minNoticeMinutes'),
    horizonDays: pick('horizonDays'),
    changeCutoffMinutes: pick('changeCutoffMinutes'),
  });
}
