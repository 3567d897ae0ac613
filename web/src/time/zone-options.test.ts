import { describe, expect, it } from 'vitest';
import { matchZones, zoneOptions } from './zone-options';

const AT = new Date('2026-11-24T01:15:00Z');

describe('zone search', () => {
  const options = zoneOptions(AT, 'h23');

  it('finds a zone by its city, with its offset and the time there now', () => {
    const [tokyo] = matchZones(options, 'tokyo', 10);
    expect(tokyo).toMatchObject({ zone: 'Asia/Tokyo', city: 'Tokyo', offset: 'GMT+9', now: '10:15' });
  });

  it('finds zones by offset or long name, and by several words at once', () => {
    expect(matchZones(options, 'gmt+9', 50).map((o) => o.zone)).toContain('Asia/Tokyo');
    // India's zone is Asia/Kolkata or, in older ICU data, Asia/Calcutta.
    expect(matchZones(options, 'utc+5:30', 50).map((o) => o.zone)).toEqual(expect.arrayContaining([expect.stringMatching(/^Asia\/(Kolkata|Calcutta)$/)]));
    expect(matchZones(options, 'new york', 5).map((o) => o.zone)).toEqual(['America/New_York']);
    expect(matchZones(options, 'central european', 200).map((o) => o.zone)).toContain('Europe/Berlin');
  });

  it('lists zones west to east and stops at the limit', () => {
    const minutes = options.map((o) => o.offset);
    expect(minutes[0]).toMatch(/GMT-1[12]/);
    expect(matchZones(options, '', 40)).toHaveLength(40);
  });
});
