import { z } from 'zod';
import { kindId } from './interview-kinds';
import { interviewerId, interviewId } from './ids';
import { loopRulesProblem } from './loops';
import { hrCancelInput, inviteInput, tokenInput } from './schemas';
import { lineText } from './text';

/** The most interviewers one session's pool names. */
export const LOOP_POOL_MAX = 20;

/** One session of a loop: its kind, length, pool and panel; the kind's length and panel when left out. */
export const loopSessionInput = z.object({
  title: lineText(80, { min: 1 }).optional(),
  kind: kindId,
  /** Whole seconds, written in minutes (10/60 is ten seconds: tests and demos). */
  durationMinutes: z.number().positive().max(8 * 60).optional(),
  interviewerIds: z.array(interviewerId).min(1).max(LOOP_POOL_MAX),
  panelSize: z.number().int().min(1).max(20).optional(),
});

const ruleFields = {
  order: z.enum(['fixed', 'free']),
  minBreakMinutes: z.number().min(0).max(24 * 60),
  maxBreakMinutes: z.number().min(0).max(24 * 60),
  days: z.number().int().min(1).max(5),
  maxSessionsPerDay: z.number().int().min(1).max(8),
};
export const DEFAULT_LOOP_RULES = { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 30, days: 1, maxSessionsPerDay: 8 } as const;

/** A template's layout; each rule left out is the default (fixed order, 0–30 minute breaks, one day). */
export const loopRulesInput = z.object({
  order: ruleFields.order.default(DEFAULT_LOOP_RULES.order),
  minBreakMinutes: ruleFields.minBreakMinutes.default(DEFAULT_LOOP_RULES.minBreakMinutes),
  maxBreakMinutes: ruleFields.maxBreakMinutes.default(DEFAULT_LOOP_RULES.maxBreakMinutes),
  days: ruleFields.days.default(DEFAULT_LOOP_RULES.days),
  maxSessionsPerDay: ruleFields.maxSessionsPerDay.default(DEFAULT_LOOP_RULES.maxSessionsPerDay),
});

/** An invitation's rules over its template's: only those given replace the template's. */
export const loopRulesOverride = z.object(ruleFields).partial();

const MAX_SESSIONS = 6;

function withSessions<T extends z.ZodType<{ sessions: unknown[]; rules: z.infer<typeof loopRulesInput> }>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    const problem = loopRulesProblem(value.rules, value.sessions.length);
    if (problem) ctx.addIssue({ code: 'custom', path: ['rules', problem.field], message: problem.message });
  });
}

/** HR's loop for a position: its sessions in order and how they may be laid out. */
export const loopTemplateInput = withSessions(
  z.object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
    name: lineText(120, { min: 1 }),
    position: lineText(120, { min: 1 }),
    sessions: z.array(loopSessionInput).min(2).max(MAX_SESSIONS),
    rules: loopRulesInput,
  }),
);

/**
 * An invitation to a loop: the candidate as for one interview, and either a template or the
 * sessions and rules themselves (a template's, changed for this candidate).
 */
export const loopInviteInput = inviteInput
  .pick({ candidateName: true, candidateEmail: true, candidateTimezone: true, position: true, notice: true, locale: true })
  .extend({
    templateId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
    sessions: z.array(loopSessionInput).min(2).max(MAX_SESSIONS).optional(),
    rules: loopRulesOverride.optional(),
  })
  .refine((v) => v.templateId !== undefined || v.sessions !== undefined, { message: 'give a templateId or sessions', path: ['sessions'] });

export const itinerariesInput = tokenInput.extend({ day: z.iso.date().optional(), timezone: inviteInput.shape.candidateTimezone.optional() });
export const itineraryChoiceInput = tokenInput.extend({
  itineraryId: z.string().min(1).max(200).regex(/^[0-9a-z-]+$/),
  timezone: inviteInput.shape.candidateTimezone.optional(),
});
export const sessionTimesInput = tokenInput.extend({ sessionId: interviewId, timezone: inviteInput.shape.candidateTimezone.optional() });
export const sessionMoveInput = sessionTimesInput.extend({ start: z.iso.datetime({ offset: true }) });
export const templateIdInput = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) });
/** A loop's id is made like an interview's (`randomUUID()`), and checked the same way. */
export const loopIdInput = z.object({ loopId: interviewId });
export const hrLoopCancelInput = loopIdInput.extend({ reason: hrCancelInput.shape.reason });
/** HR moving one session of a loop (docs/adr/0041): the times it can go to, then the move with a reason for the timeline. */
export const hrSessionTimesInput = loopIdInput.extend({ sessionId: interviewId });
export const hrSessionMoveInput = hrSessionTimesInput.extend({ start: z.iso.datetime({ offset: true }), reason: hrCancelInput.shape.reason });

export type LoopSessionInput = z.infer<typeof loopSessionInput>;
export type LoopTemplateInput = z.infer<typeof loopTemplateInput>;
export type LoopInviteInput = z.infer<typeof loopInviteInput>;
