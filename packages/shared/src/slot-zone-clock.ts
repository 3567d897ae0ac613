import type { IANAZone } from 'luxon';

/**
 * Offset arithmetic for one IANA zone. A local date is a day number (days since 1970-01-01)
 * and a wall time is "wall ms": the instant the reading would be if the zone were UTC.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export interface ZoneClock {
  /** The zone's UTC offset at an instant, in ms. */
  offsetMs(instantMs: number): number;
}

export function zoneClock(zone: IANAZone): ZoneClock {
  return { offsetMs: (instantMs) => zone.offset(instantMs) * MINUTE_MS };
}

/**
 * A clock that asks Intl (several microseconds a call) about a day's worth of samples once
 * and then answers offsets inside [fromMs, toMs] from the transitions it found. Assumes, like
 * the probes below, at most one offset change per day, which holds for every zone in use.
 */
export function windowedZoneClock(zone: IANAZone, fromMs: number, toMs: number): ZoneClock {
  const exact = zoneClock(zone);
  const from = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  const firstOffset = exact.offsetMs(from);
  const changes: Array<{ at: number; offset: number }> = [];
  let sampled = from;
  let sampledOffset = firstOffset;
  while (sampled < toMs) {
    const next = Math.min(sampled + DAY_MS, Math.ceil(toMs / MINUTE_MS) * MINUTE_MS);
    const nextOffset = exact.offsetMs(next);
    if (nextOffset !== sampledOffset) {
      let same = sampled;
      let changed = next;
      while (changed - same > MINUTE_MS) {
        const mid = same + Math.floor((changed - same) / 2 / MINUTE_MS) * MINUTE_MS;
        if (exact.offsetMs(mid) === sampledOffset) same = mid;
        else changed = mid;
      }
      changes.push({ at: changed, offset: exact.offsetMs(changed) });
    }
    sampled = next;
    sampledOffset = nextOffset;
  }
  return {
    offsetMs(instantMs) {
      if (instantMs < from || instantMs > sampled) return exact.offsetMs(instantMs);
      let offset = firstOffset;
      for (const change of changes) {
        if (change.at > instantMs) break;
        offset = change.offset;
      }
      return offset;
    },
  };
}

export function localDayNumber(clock: ZoneClock, instantMs: number): number {
  return Math.floor((instantMs + clock.offsetMs(instantMs)) / DAY_MS);
}

/**
 * The instant a wall reading names: the first occurrence when the clock goes back, null when
 * the clock skips it. Probing a day either side finds both offsets around any transition.
 */
export function wallTimeToInstant(clock: ZoneClock, wallMs: number): number | null {
  let first: number | null = null;
  for (const probe of [wallMs - DAY_MS, wallMs + DAY_MS]) {
    const candidate = wallMs - clock.offsetMs(probe);
    if (candidate + clock.offsetMs(candidate) === wallMs && (first === null || candidate < first)) {
      first = candidate;
    }
  }
  return first;
}

/**
 * The instant the wall clock reaches a reading: as above, but a skipped reading is reached at
 * the transition itself (working hours from 02:30 on a spring-forward night start at 03:00).
 */
export function wallBoundaryToInstant(clock: ZoneClock, wallMs: number): number {
  const exact = wallTimeToInstant(clock, wallMs);
  if (exact !== null) return exact;
  // In a gap the earlier offset is the smaller: `before` lies before the transition, `after` past it.
  let before = wallMs - clock.offsetMs(wallMs + DAY_MS);
  let after = wallMs - clock.offsetMs(wallMs - DAY_MS);
  const beforeOffset = clock.offsetMs(before);
  while (after - before > MINUTE_MS) {
    const mid = before + Math.max(1, Math.floor((after - before) / 2 / MINUTE_MS)) * MINUTE_MS;
    if (clock.offsetMs(mid) === beforeOffset) before = mid;
    else after = mid;
  }
  return after;
}
