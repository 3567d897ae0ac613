import type { z } from 'zod';

const LISTED = 3;

const fieldOf = (path: readonly PropertyKey[]) => (path.length === 0 ? 'input' : path.map(String).join('.'));

/**
 * A refused input in words: "reason: must not contain control characters", a few fields at
 * most. The issues themselves go to the web forms as the flattened error, not in the message.
 */
export function describeIssues(error: Pick<z.ZodError, 'issues'>): string {
  const said = [...new Set(error.issues.map((issue) => `${fieldOf(issue.path)}: ${issue.message}`))];
  const listed = said.slice(0, LISTED).join('; ');
  return said.length > LISTED ? `${listed}; and ${said.length - LISTED} more` : listed;
}
