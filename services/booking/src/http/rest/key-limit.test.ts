import { describe, expect, it } from 'vitest';
import { createKeyConcurrency } from './key-limit';
import { ApiRefusal } from './problem';

function refusalOf(work: () => unknown): ApiRefusal | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiRefusal) return error;
    throw error;
  }
  return undefined;
}

describe('an API key’s calls under way at once', () => {
  it('the call past the limit is refused with 429, RATE_LIMITED and Retry-After: 1, naming the limit', () => {
    const enter = createKeyConcurrency(2);
    enter('ats');
    enter('ats');
    const refusal = refusalOf(() => enter('ats'));
    expect(refusal).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: { 'Retry-After': '1' } });
    expect(refusal?.message).toBe('This API key has 2 calls under way; send the next when one of them has answered.');
  });

  it('a call that answered frees its place, once however often it says so', () => {
    const enter = createKeyConcurrency(2);
    const first = enter('ats');
    enter('ats');
    first();
    first();
    expect(refusalOf(() => enter('ats'))).toBeUndefined();
    expect(refusalOf(() => enter('ats'))).toBeDefined();
  });

  it('another key is never refused for this key’s crowd', () => {
    const enter = createKeyConcurrency(1);
    enter('crowded');
    expect(refusalOf(() => enter('crowded'))).toBeDefined();
    expect(refusalOf(() => enter('quiet'))).toBeUndefined();
  });
});
