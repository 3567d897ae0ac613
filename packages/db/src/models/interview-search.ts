/**
 * The HR list's search without a regex scan: each interview carries top-level keys, and a search
 * is equality on them. A search matches the whole email, the whole name, or the name's first or
 * last word, case and spacing ignored ("ada", "lovelace", "ada lovelace", "ada@example.com").
 */
export interface InterviewSearchKeys {
  emailKey: string;
  nameKey: string;
  firstNameKey: string;
  lastNameKey: string;
  positionKey: string;
}

export const normalizeSearch = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function interviewSearchKeys(fields: { candidateName: string; candidateEmail: string; position: string }): InterviewSearchKeys {
  const nameKey = normalizeSearch(fields.candidateName);
  const words = nameKey.split(' ');
  return {
    emailKey: normalizeSearch(fields.candidateEmail),
    nameKey,
    firstNameKey: words[0] ?? '',
    lastNameKey: words[words.length - 1] ?? '',
    positionKey: normalizeSearch(fields.position),
  };
}

/** The equality filters a search term stands for; their union is the answer. */
export function searchFilters(term: string): Partial<InterviewSearchKeys>[] {
  const key = normalizeSearch(term);
  if (key === '') return [];
  if (key.includes('@')) return [{ emailKey: key }];
  if (key.includes(' ')) return [{ nameKey: key }];
  // A one-word name is its own first and last word, so two reads cover every single-word match.
  return [{ firstNameKey: key }, { lastNameKey: key }];
}
