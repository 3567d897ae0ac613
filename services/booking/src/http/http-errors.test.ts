import { describe, expect, it } from 'vitest';
import { loggablePath } from './http-errors';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLW9mLWEtY2FuZGlkYXRlLWxpbms';

describe('the path a failure is logged with', () => {
  it('is the matched route’s pattern, never the candidate’s token in it', () => {
    const logged = loggablePath({ baseUrl: '/api', path: `/ics/${token}`, route: { path: '/ics/:token' } });
    expect(logged).toBe('/api/ics/:token');
    expect(logged).not.toContain(token);
  });

  it('masks a token-long segment when no route matched', () => {
    expect(loggablePath({ baseUrl: '', path: `/b/${token}`, route: undefined })).toBe('/b/[redacted]');
  });

  it('keeps an ordinary path as it is', () => {
    expect(loggablePath({ baseUrl: '', path: '/api/v1/interviews', route: undefined })).toBe('/api/v1/interviews');
  });
});
