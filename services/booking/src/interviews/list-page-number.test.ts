import { describe, expect, it } from 'vitest';
import { hrListInput, lastPage, pageNumberFrom } from './list-page-number';

describe('HR list page numbers', () => {
  it('reads anything that is not a whole page of at least 1 as page 1', () => {
    for (const value of [undefined, '', 'abc', '0', '-3', 0, -3, 0.5]) expect(pageNumberFrom(value)).toBe(1);
    expect(pageNumberFrom('2')).toBe(2);
    expect(pageNumberFrom(3.7)).toBe(3);
  });

  it('counts at least one page, even when nothing matches', () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
    expect(lastPage(40, 20)).toBe(2);
  });

  it('accepts a typed-in page in the list input instead of refusing it', () => {
    expect(hrListInput.parse({ page: 'abc' }).page).toBe(1);
    expect(hrListInput.parse({ page: -1 }).page).toBe(1);
    expect(hrListInput.parse({ page: 999 }).page).toBe(999);
    expect(hrListInput.parse({}).page).toBe(1);
  });
});
