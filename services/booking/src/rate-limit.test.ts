import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

function limiterAt(limit: number) {
  let now = 1_000_000;
  const limiter = createRateLimiter(limit, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('createRateLimiter', () => {
  it('allows the limit within a minute and refuses the next call with RATE_LIMITED', () => {
    const { limiter } = limiterAt(5);
    for (let i = 0; i < 5; i += 1) limiter.hit('ip:1.2.3.4');
    expect(() => limiter.hit('ip:1.2.3.4')).toThrow(expect.objectContaining({ name: 'DomainError', code: 'RATE_LIMITED' }));
  });

  it('counts each key on its own, so one noisy IP does not block another or a token', () => {
    const { limiter } = limiterAt(2);
    limiter.hit('ip:a');
    limiter.hit('ip:a');
    expect(() => limiter.hit('ip:a')).toThrow(/Too many requests/);
    expect(() => limiter.hit('ip:b')).not.toThrow();
    expect(() => limiter.hit('token:abc')).not.toThrow();
  });

  it('starts a fresh window a minute after the first call of the last one', () => {
    const { limiter, advance } = limiterAt(1);
    limiter.hit('ip:a');
    advance(59_999);
    expect(() => limiter.hit('ip:a')).toThrow(/Too many requests/);
    advance(1);
    expect(() => limiter.hit('ip:a')).not.toThrow();
  });
});
