import { z } from 'zod';
import { interviewsListInput } from '@portal/shared/schemas';
import { screened } from '@portal/shared/text';

/**
 * A page number as people type it into a URL. Anything that is not a whole number of at least
 * 1 ("abc", "0", "-3", "") is page 1; a page past the last is answered with the last page
 * (clampToLastPage), so an old bookmark never shows an empty "Page 999 of 2".
 */
export function pageNumberFrom(value: number | string | undefined): number {
  const n = typeof value === 'number' ? value : Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The HR list's input, with a forgiving page number (the shared schema's other fields unchanged). */
export const hrListInput = interviewsListInput.extend({
  page: z.union([z.number(), screened(z.string().max(32))]).optional().transform(pageNumberFrom),
});
