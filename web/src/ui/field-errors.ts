import type { ApiProblem } from '../api-error';

/** Messages per field path ("weekly.0.ranges.1.end"), from a zod check here or the server's reply. */
export type FieldErrors = Record<string, string[]>;

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    (errors[key] ??= []).push(issue.message);
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
