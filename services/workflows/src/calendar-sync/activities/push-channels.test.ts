import { describe, expect, it } from 'vitest';
import { channelServes } from './push-channels';

const now = new Date('2031-03-01T12:00:00Z');
const version = new Date('2031-02-01T00:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

describe('a push channel', () => {
  it('serves until it is within the renewal margin of its end, so the next one opens while it still delivers', () => {
    expect(channelServes({ connectionUpdatedAt: version, expiresAt: hours(3) }, version, now, 3_600_000)).toBe(true);
    expect(channelServes({ connectionUpdatedAt: version, expiresAt: hours(0.5) }, version, now, 3_600_000)).toBe(false);
    expect(channelServes({ connectionUpdatedAt: version, expiresAt: hours(-1) }, version, now, 3_600_000)).toBe(false);
    expect(channelServes({ connectionUpdatedAt: version, expiresAt: null }, version, now, 3_600_000)).toBe(true);
  });

  it('opened under an earlier connection (HR changed it, or the organisation’s key) no longer serves', () => {
    expect(channelServes({ connectionUpdatedAt: new Date(version.getTime() - 1), expiresAt: hours(20) }, version, now, 3_600_000)).toBe(false);
  });
});
