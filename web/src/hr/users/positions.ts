/**
 * A hiring manager's positions as typed: one a line or separated by commas, each as interviews
 * name it (the server matches the exact text), blanks and repeats left out.
 */
export function positionsFrom(text: string): string[] {
  const named = text
    .split(/[\n,]/)
    .map((position) => position.trim())
    .filter((position) => position !== '');
  return [...new Set(named)];
}

/** Positions shown back in the field: one a line, so a position holding a comma reads as typed. */
export function positionsText(positions: readonly string[]): string {
  return positions.join('\n');
}
