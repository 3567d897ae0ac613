import { describe, expect, it } from 'vitest';
import { pageCount, toListQuery } from './list-filters';

const empty = { status: '', outcome: '', waiting: '', position: '', from: '', to: '', q: '', page: '' };

describe('toListQuery', () => {
  it('asks for page 1 with no filters when the URL has none', () => {
    expect(toListQuery(empty)).toEqual({ page: 1, pageSize: 20 });
  });

  it('drops values that are not a status or outcome instead of sending them', () => {
    expect(toListQuery({ ...empty, status: 'BOGUS', outcome: 'FAILED', page: '-3' })).toEqual({
      outcome: 'FAILED',
      page: 1,
      pageSize: 20,
    });
  });

  it('asks for those waiting only by a waiting filter the list knows', () => {
    expect(toListQuery({ ...empty, waiting: 'hold' })).toEqual({ waiting: 'hold', page: 1, pageSize: 20 });
    expect(toListQuery({ ...empty, waiting: 'someday' })).toEqual({ page: 1, pageSize: 20 });
  });

  it('asks for page 1 when the URL page is not a number or below 1', () => {
    for (const page of ['abc', '0', '-3', '']) expect(toListQuery({ ...empty, page }).page).toBe(1);
  });

  it('makes the "to" day inclusive by ending at the next local midnight', () => {
    const query = toListQuery({ ...empty, from: '2025-03-01', to: '2025-03-01' });
    expect(Date.parse(query.to ?? '') - Date.parse(query.from ?? '')).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(Date.parse(query.to ?? '') - Date.parse(query.from ?? '')).toBeLessThanOrEqual(25 * 3_600_000);
  });

  it('trims search and position', () => {
    expect(toListQuery({ ...empty, q: '  ada ', position: ' Backend ', page: '2' })).toEqual({
      search: 'ada',
      position: 'Backend',
      page: 2,
      pageSize: 20,
    });
  });
});

describe('pageCount', () => {
  it('always shows at least one page', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
