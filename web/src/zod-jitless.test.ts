import { describe, expect, it } from 'vitest';

describe('zod in the web app', () => {
  it('runs jitless once the entry has set its setting, so a schema never probes eval', async () => {
    await import('./zod-jitless');
    const { config } = await import('zod/v4/core');
    const { z } = await import('zod');
    expect(config().jitless).toBe(true);
    expect(z.object({ name: z.string() }).safeParse({ name: 'Ada' }).success).toBe(true);
  });
});
