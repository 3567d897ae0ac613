import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, testTaskQueue } from './per-file';

describe('per-file isolation names', () => {
  it('gives two files with the same base name different databases, each a valid FerretDB name', () => {
    const a = testDatabaseUrl('file:///repo/services/booking/src/env.test.ts');
    const b = testDatabaseUrl('file:///repo/services/notifications/src/env.test.ts');
    expect(a).not.toEqual(b);
    for (const url of [a, b]) {
      const db = url.split('/').at(-1) ?? '';
      expect(db).toMatch(/^[a-z0-9_]{1,63}$/);
    }
  });

  it('keeps a long file name within 63 characters and returns the same name for the same file', () => {
    const name = `file:///repo/${'a-very-long-test-file-name-'.repeat(5)}.test.ts`;
    expect(testDatabaseUrl(name)).toEqual(testDatabaseUrl(name));
    expect((testDatabaseUrl(name).split('/').at(-1) ?? '').length).toBeLessThanOrEqual(63);
  });

  it('gives each file its own task queue', () => {
    expect(testTaskQueue('file:///a/claim.test.ts')).not.toEqual(testTaskQueue('file:///b/claim.test.ts'));
  });
});
