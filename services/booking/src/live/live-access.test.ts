import { describe, expect, it } from 'vitest';
import { DEV_TOKEN_PUBLIC_KEY } from '@portal/shared/tokens';
import { appRouter } from '../app-router';
import { createContextInner, type Deps } from '../http/context';
import { createCallerFactory } from '../http/trpc';
import { createLiveChanges } from '../change-feed/live-changes';

/** No database: every refusal here comes before one is needed. */
const deps = {
  env: { TOKEN_PUBLIC_KEY: DEV_TOKEN_PUBLIC_KEY },
  limiter: { hit: () => Promise.resolve() },
  live: createLiveChanges({ keep: 10, maxPerClient: 2 }),
  db: { hrSessions: { findById: () => ({ lean: () => Promise.resolve(null) }) } },
} as unknown as Deps;
const caller = createCallerFactory(appRouter)(createContextInner(deps));

describe('who may open a live page', () => {
  it('a candidate stream with a bad link is refused with the same typed error as the page', async () => {
    await expect(caller.candidate.live({ token: 'not-a-real-token' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'This link is not valid.' });
    expect(deps.live.open()).toBe(0);
  });

  it('an event id the API never gave out is bad input, refused before the link is read', async () => {
    await expect(caller.candidate.live({ token: 'not-a-real-token', lastEventId: '../../etc' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('an HR stream without a session is refused as the HR queries are', async () => {
    await expect(caller.hr.interviews.live({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
