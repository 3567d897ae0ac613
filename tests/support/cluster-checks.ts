import { expect } from 'vitest';
import { eventually } from './fixtures';
import type { RestAnswer } from './rest-client';

/**
 * Waits until `tdbg membership list-gossip` (whatever runs it) shows two frontend, two history and
 * two matching hosts, and answers every ring with its member count.
 */
export async function twoHostsInEachRing(listGossip: () => Promise<string>): Promise<{ role: string; member_count: number }[]> {
  return eventually(async () => {
    const parsed = JSON.parse(await listGossip()) as { role: string; member_count: number }[];
    const count = (role: string) => parsed.find((ring) => ring.role === role)?.member_count;
    return count('frontend') === 2 && count('history') === 2 && count('matching') === 2 ? parsed : undefined;
  }, 60_000, 'two hosts in each ring');
}

/** Checks that every answer names the booking instance that served it (`x-served-by`), and keeps the names. */
export function servedByRecorder() {
  const servedBy = new Set<string>();
  const seen = <T>(answer: RestAnswer<T>): RestAnswer<T> => {
    const name = answer.headers.get('x-served-by');
    expect(name, 'every answer names the instance that served it').toMatch(/^booking-[12]$/);
    servedBy.add(name ?? '');
    return answer;
  };
  return { servedBy, seen };
}
