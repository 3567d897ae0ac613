import { z } from 'zod';
import { SUPPORTED_LOCALES } from './i18n/locales';
import type { LocalisedText } from './interview-kinds';
import { lineText, multilineText } from './text';

/**
 * A scorecard kit (issue 50, docs/adr/0065): the ordered questions or focus attributes a kind's
 * interviewers answer, rated on the kit's scale, plus the overall recommendation every scorecard has.
 * A kit is copied onto the interview at its invitation, so a later edit moves no existing interview.
 */
export const KIT_QUESTION_TYPES = ['rating', 'yesno', 'text', 'longtext'] as const;
export type KitQuestionType = (typeof KIT_QUESTION_TYPES)[number];

export const KIT_SCALE = { min: 2, max: 10, default: 4 } as const;
export const KIT_LIMITS = { questions: 30, prompt: 300, guidance: 2000, text: 300, longtext: 5000 } as const;

/** A text per language: the default language's required, the others optional. */
export function localisedText(max: number, options: { multiline?: boolean } = {}) {
  const one = options.multiline ? multilineText(max) : lineText(max);
  const others = Object.fromEntries(SUPPORTED_LOCALES.filter((l) => l !== 'en').map((l) => [l, one.optional()]));
  return z.object({ en: (options.multiline ? multilineText(max, { min: 1 }) : lineText(max, { min: 1 })), ...others }).strict() as unknown as z.ZodType<LocalisedText>;
}

/** A question's id: stable across edits of its prompt, the key its answers are stored and sent under. */
export const kitQuestionId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'a question id is lower-case letters, digits, hyphens and underscores, like "system_design"');

export const kitQuestion = z
  .object({
    id: kitQuestionId,
    prompt: localisedText(KIT_LIMITS.prompt),
    type: z.enum(KIT_QUESTION_TYPES),
    required: z.boolean().default(false),
    guidance: localisedText(KIT_LIMITS.guidance, { multiline: true }).optional(),
  })
  .strict();
export type KitQuestion = z.infer<typeof kitQuestion>;

export const kitInput = z
  .object({
    /** Ratings run from 1 to `scale`. */
    scale: z.number().int().min(KIT_SCALE.min).max(KIT_SCALE.max).default(KIT_SCALE.default),
    questions: z.array(kitQuestion).max(KIT_LIMITS.questions),
  })
  .strict()
  .superRefine((kit, ctx) => {
    const seen = new Set<string>();
    kit.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });
export type Kit = z.infer<typeof kitInput>;

/** The kit of a kind with none, and of every interview invited before kits: no questions, the 4-point scale. */
export const EMPTY_KIT: Kit = { scale: KIT_SCALE.default, questions: [] };

/** One answer: a rating (1..scale), yes or no, or text, by the question's type. */
export type KitAnswer = number | boolean | string;
export type KitAnswers = Record<string, KitAnswer>;

export const kitAnswersInput = z.record(kitQuestionId, z.union([z.number(), z.boolean(), z.string().max(KIT_LIMITS.longtext)])).default({});

export interface KitAnswersProblem {
  questionId: string;
  message: string;
}

/**
 * What is wrong with `answers` against `kit`, first problem first: an unknown question, an answer of
 * the wrong type or out of the scale, or (unless `draft`) a required question left unanswered.
 */
export function kitAnswersProblems(kit: Kit, answers: KitAnswers, options: { draft?: boolean } = {}): KitAnswersProblem[] {
  const problems: KitAnswersProblem[] = [];
  const byId = new Map(kit.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const question = byId.get(id);
    if (!question) {
      problems.push({ questionId: id, message: `"${id}" is not a question of this interview's kit` });
      continue;
    }
    const problem = answerProblem(question, value, kit.scale);
    if (problem) problems.push({ questionId: id, message: problem });
  }
  if (!options.draft) {
    for (const question of kit.questions) {
      if (question.required && isBlank(answers[question.id])) problems.push({ questionId: question.id, message: `"${question.id}" is required: answer "${question.prompt.en}"` });
    }
  }
  return problems;
}

function isBlank(value: KitAnswer | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

function answerProblem(question: KitQuestion, value: KitAnswer, scale: number): string | null {
  switch (question.type) {
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= scale ? null : `"${question.id}" is a rating from 1 to ${scale}`;
    case 'yesno':
      return typeof value === 'boolean' ? null : `"${question.id}" is answered yes (true) or no (false)`;
    case 'text':
    case 'longtext': {
      const max = question.type === 'text' ? KIT_LIMITS.text : KIT_LIMITS.longtext;
      if (typeof value !== 'string') return `"${question.id}" is answered with text`;
      return value.length <= max ? null : `"${question.id}" takes at most ${max} characters`;
    }
  }
}

/** The answers kept after erasure: free text goes with the candidate's other data; ratings and yes/no stay. */
export function answersWithoutText(answers: KitAnswers | null | undefined): KitAnswers {
  return Object.fromEntries(Object.entries(answers ?? {}).filter(([, value]) => typeof value !== 'string'));
}
