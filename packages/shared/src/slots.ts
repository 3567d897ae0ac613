import { DomainError } from './errors';
import { withInterviewBuffers, type Buffers } from './buffers';
import { busyTimeline } from './slot-busy';
import type { Booked, InterviewerAvailability, Slot, SlotRules } from './slot-types';
import { MINUTES_PER_DAY, workingHours, type WallRange } from './slot-working-hours';
import {
  DAY_MS,
  MINUTE_MS,
  localDayNumber,
  wallBoundaryToInstant,
  wallTimeToInstant,
  windowedZoneClock,
  type ZoneClock,
} from './slot-zone-clock';
import { zoneOf } from './slot-zone';

export type {
  Booked,
  DateOverride,
  InterviewerAvailability,
  Slot,
  SlotRules,
  TimeOff,
  TimeRange,
  WeeklyHours,
} from './slot-types';
export { CLAIM_REFUSAL_REASONS, claimCells, isClaimRefusalReason, type ClaimRefusalReason } from './slot-claims';
export { formatInZone, localDay } from './slot-zone';
export { isValidTimezone } from './zone-names';

export const DEFAULT_SLOT_RULES: Omit<SlotRules, 'durationMinutes'> = {
  stepMinutes: 15,
  minNoticeMinutes: 12 * 60,
  horizonDays: 21,
};

interface BookingWindow {
  earliest: number;
  /** Exclusive. */
  latest: number;
  durationMs: number;
  stepMs: number;
}

const SECOND_MS = 1_000;

/**
 * Minutes as whole milliseconds, or null unless they are a positive whole number of seconds: a
 * duration or step of 10/60 minutes (tests and demos run whole interviews in seconds) is 10 s, and
 * counting the grid in milliseconds keeps 10/60 + 10/60 + … from drifting off it.
 */
function wholeSecondsMs(minutes: number): number | null {
  const ms = Math.round(minutes * MINUTE_MS);
  return ms > 0 && ms % SECOND_MS === 0 && Math.abs(ms - minutes * MINUTE_MS) < 1 ? ms : null;
}

/**
 * Bookable starts for a pool of interviewers, sorted, one entry per distinct start listing who
 * is free. Slot starts sit on a wall-clock grid counted from the start of each working range:
 * a skipped wall time (spring forward) is not offered, a repeated one (fall back) is offered
 * once, at its first occurrence. Ranges are real intervals, so 09:00-17:00 is 8 hours on any day.
 */
export function generateSlots(input: {
  interviewers: InterviewerAvailability[];
  booked: Booked[];
  rules: SlotRules;
  now: Date;
  /** Only starts in [from, to) of the bookable window: a claim asks about one start, not the horizon. */
  within?: { from: Date; to: Date };
}): Slot[] {
  const { interviewers, booked, rules, now, within } = input;
  const { durationMs, stepMs } = assertRules(rules);
  const window: BookingWindow = {
    earliest: Math.max(now.getTime() + rules.minNoticeMinutes * MINUTE_MS, within?.from.getTime() ?? -Infinity),
    latest: Math.min(now.getTime() + rules.horizonDays * DAY_MS, within?.to.getTime() ?? Infinity),
    durationMs,
    stepMs,
  };
  const bookingsOf = new Map<string, Booked[]>();
  for (const booking of booked) {
    const list = bookingsOf.get(booking.interviewerId);
    if (list) list.push(booking);
    else bookingsOf.set(booking.interviewerId, [booking]);
  }
  // Probes reach a day or two past the window; a little margin keeps them on the fast path.
  const clocks = new Map<string, ZoneClock>();
  const clockFor = (timezone: string) => {
    const known = clocks.get(timezone);
    if (known) return known;
    const clock = windowedZoneClock(zoneOf(timezone), window.earliest - 3 * DAY_MS, window.latest + 3 * DAY_MS);
    clocks.set(timezone, clock);
    return clock;
  };
  const freeAt = new Map<number, string[]>();
  for (const interviewer of interviewers) {
    const id = interviewer.interviewerId;
    const clock = clockFor(interviewer.timezone);
    for (const start of freeStarts(interviewer, withInterviewBuffers(interviewer, rules), clock, bookingsOf.get(id) ?? [], window)) {
      const ids = freeAt.get(start);
      if (!ids) freeAt.set(start, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }
  return [...freeAt.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, interviewerIds]) => ({
      start: new Date(start),
      end: new Date(start + window.durationMs),
      interviewerIds,
    }));
}

function assertRules(rules: SlotRules): { durationMs: number; stepMs: number } {
  const { durationMinutes, stepMinutes, minNoticeMinutes, horizonDays } = rules;
  const durationMs = wholeSecondsMs(durationMinutes);
  const stepMs = wholeSecondsMs(stepMinutes);
  if (durationMs === null || stepMs === null) {
    throw new DomainError('BAD_INPUT', 'Slot duration and step must be positive whole seconds', { ...rules });
  }
  if (!(minNoticeMinutes >= 0 && horizonDays >= 0)) {
    throw new DomainError('BAD_INPUT', 'Minimum notice and horizon must not be negative', { ...rules });
  }
  return { durationMs, stepMs };
}

/**
 * `own` is the interviewer as they are; `around` their buffers for this interview (the larger of
 * theirs and the interview's kind's, docs/adr/0066).
 */
function freeStarts(own: InterviewerAvailability, around: Buffers, clock: ZoneClock, bookings: Booked[], window: BookingWindow): number[] {
  const before = around.bufferBeforeMinutes * MINUTE_MS;
  const after = around.bufferAfterMinutes * MINUTE_MS;
  // Each booking is widened by the buffers it was claimed with and the candidate slot by its own, so
  // the gap between two bookings is at least one's after-buffer plus the other's before-buffer (as
  // claimCells assumes). A booking claimed before it kept its buffers has the interviewer's.
  const busy = busyTimeline([
    ...bookings.map((b) => ({
      start: b.start.getTime() - (b.bufferBeforeMinutes ?? own.bufferBeforeMinutes) * MINUTE_MS,
      end: b.end.getTime() + (b.bufferAfterMinutes ?? own.bufferAfterMinutes) * MINUTE_MS,
    })),
    ...own.timeOff.map((t) => ({ start: t.start.getTime(), end: t.end.getTime() })),
  ]);
  const bookingsPerDay = new Map<number, number>();
  for (const b of bookings) {
    const day = localDayNumber(clock, b.start.getTime());
    bookingsPerDay.set(day, (bookingsPerDay.get(day) ?? 0) + 1);
  }
  const rangesOn = workingHours(own);
  const starts: number[] = [];
  const lastDay = localDayNumber(clock, window.latest);
  for (let day = localDayNumber(clock, window.earliest); day <= lastDay; day++) {
    if ((bookingsPerDay.get(day) ?? 0) >= own.maxPerDay) continue;
    for (const range of rangesOn(day)) {
      const until = workingUntil(rangesOn, day, range.endMinute, window.durationMs);
      for (const start of rangeStarts(clock, day, range, until, window)) {
        if (start < window.earliest || start >= window.latest) continue;
        if (busy.overlaps(start - before, start + window.durationMs + after)) continue;
        starts.push(start);
      }
    }
  }
  return starts;
}

/**
 * The wall time (ms on the local wall line) where working time that is still running at the end of
 * a day's range stops: another range of that day that starts by then carries it on, and so does a
 * range from 00:00 the next day after one that ends at 24:00. So 20:00-24:00 on Monday and
 * 00:00-02:00 on Tuesday offer 23:30-00:30, and 00:00-24:00 every day is one unbroken stretch. It
 * looks no further than a slot can reach past the range's end.
 */
function workingUntil(rangesOn: (day: number) => WallRange[], day: number, endMinute: number, reachMs: number): number {
  const limit = day * DAY_MS + endMinute * MINUTE_MS + reachMs;
  let [onDay, minute] = [day, endMinute];
  for (;;) {
    const wall = onDay * DAY_MS + minute * MINUTE_MS;
    if (wall >= limit) return wall;
    if (minute === MINUTES_PER_DAY) {
      [onDay, minute] = [onDay + 1, 0];
      continue;
    }
    const next = rangesOn(onDay).find((range) => range.startMinute <= minute && range.endMinute > minute);
    if (!next) return wall;
    minute = next.endMinute;
  }
}

/**
 * Starts on the range's wall-clock grid (from its start to its end) whose whole slot fits in the
 * working time, which runs until the wall time `until` (the range's end, or later: workingUntil).
 */
function rangeStarts(clock: ZoneClock, day: number, range: WallRange, until: number, window: BookingWindow): number[] {
  const midnight = day * DAY_MS;
  const startWall = midnight + range.startMinute * MINUTE_MS;
  const endWall = midnight + range.endMinute * MINUTE_MS;
  const exactStart = wallTimeToInstant(clock, startWall);
  const rangeStart = exactStart ?? wallBoundaryToInstant(clock, startWall);
  const rangeEnd = wallBoundaryToInstant(clock, until);
  // One offset across the range (nearly every day): grid instants follow by plain arithmetic.
  const steady = exactStart !== null && clock.offsetMs(rangeStart) === clock.offsetMs(rangeEnd);
  const starts: number[] = [];
  for (let wall = startWall; wall < endWall; wall += window.stepMs) {
    const start = steady ? rangeStart + (wall - startWall) : wallTimeToInstant(clock, wall);
    if (start === null || start < rangeStart) continue;
    if (start + window.durationMs > rangeEnd) break;
    starts.push(start);
  }
  return starts;
}
