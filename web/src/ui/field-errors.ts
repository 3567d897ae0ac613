import type { ApiProblem } from '../api-error';

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

/** Zod's stock wording is for developers; the few cases a person meets in a form get plain words. */
function plainMessage(issue: IssueLike): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'Required';
  if (issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 1) return 'Choose at least one';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Enter an email address';
  if (issue.code === 'invalid_type' && issue.message.includes('NaN')) return 'Enter a number';
  return issue.message;
}

export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    (errors[key] ??= []).push(plainMessage(issue));
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
