import { describe, expect, it } from 'vitest';
import { createSeatsInFlight } from './seats-in-flight';

describe('week seats in flight in one worker', () => {
  it('a seat kept by a finished claim stays in view of a claim that read before it finished, not of one that read after', () => {
    const seats = createSeatsInFlight();
    const before = seats.read();
    seats.take('a|1', 0, 'z');
    seats.done('z', new Set(['a|1']));
    const after = seats.read();
    expect([...seats.of('a|1', before.at)]).toEqual([[0, 'z']]);
    expect([...seats.of('a|1', after.at)]).toEqual([]);
  });

  it('a seat given back leaves the view at once, whoever read before', () => {
    const seats = createSeatsInFlight();
    const before = seats.read();
    seats.take('a|1', 0, 'z');
    expect([...seats.of('a|1', before.at)]).toEqual([[0, 'z']]);
    seats.done('z');
    expect([...seats.of('a|1', before.at)]).toEqual([]);
  });

  it('a kept seat is forgotten once every claim that read before it is done', () => {
    const seats = createSeatsInFlight();
    const first = seats.read();
    const second = seats.read();
    seats.take('a|1', 0, 'z');
    seats.done('z', new Set(['a|1']));
    first.end();
    expect([...seats.of('a|1', 0)]).toEqual([[0, 'z']]);
    second.end();
    expect([...seats.of('a|1', 0)]).toEqual([]);
  });
});
