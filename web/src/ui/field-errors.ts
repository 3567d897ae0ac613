import type { ApiProblem } from '../api/api-error';

/** Messages per field path ("weekly.0.ranges.1.end"), from a zod check here or the server's reply. */
export type FieldErrors = Record<string, string[]>;

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: unknown;
  format?: string;
}

/** The plain words for the few cases a person meets in a form, in the page's language. */
export interface FieldWords {
  required: string;
  chooseOne: string;
  email: string;
  number: string;
}

const ENGLISH: FieldWords = { required: 'Required', chooseOne: 'Choose at least one', email: 'Enter an email address', number: 'Enter a number' };

/** Zod's stock wording is for developers; the few cases a person meets in a form get plain words. */
function plainMessage(issue: IssueLike, words: FieldWords): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return words.required;
  if (issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 1) return words.chooseOne;
  if (issue.code === 'invalid_format' && issue.format === 'email') return words.email;
  if (issue.code === 'invalid_type' && issue.message.includes('NaN')) return words.number;
  return issue.message;
}

export function fieldErrorsFromIssues(issues: readonly IssueLike[], words: FieldWords = ENGLISH): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    (errors[key] ??= []).push(plainMessage(issue, words));
  }
  return errors;
}

export function fieldErrorsFromProblem(problem: ApiProblem | null): FieldErrors {
  return problem?.fieldErrors ?? {};
}

export function messagesAt(errors: FieldErrors, path: string): string | undefined {
  const messages = errors[path];
  return messages === undefined || messages.length === 0 ? undefined : messages.join('; ');
}

/** The messages of a field and of everything inside it ("positions", "positions.2"): a list said as one field. */
export function messagesUnder(errors: FieldErrors, path: string): string | undefined {
  const messages = Object.entries(errors).flatMap(([key, list]) => (key === path || key.startsWith(`${path}.`) ? list : []));
  return messages.length === 0 ? undefined : [...new Set(messages)].join('; ');
}

/** The shared schemas' messages follow a field name ("must be …"); beside a field they start a sentence. */
export function asSentence(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.charAt(0).toUpperCase() + text.slice(1);
}
