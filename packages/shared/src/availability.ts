import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from './errors';
import { multilineText, screened, secretText } from './text';
import { isValidTimezone } from './zone-names';

/**
 * "None of these times work" (docs/adr/0071): the windows a candidate could come in, which the
 * lifecycle searches whenever its pool's free times change, and books the first fitting time in.
 */
export const MAX_AVAILABILITY_WINDOWS = 20;

/**
 * What the lifecycle does with a free time found inside the windows, by HR's setting on the kind or
 * the invitation: `book` it at once (the default), or `offer` it, held for the candidate alone for
 * the hold's minutes, to take or let go (docs/adr/0073).
 */
export const AVAILABILITY_ACTIONS = ['book', 'offer'] as const;
export type AvailabilityAction = (typeof AVAILABILITY_ACTIONS)[number];
export const DEFAULT_AVAILABILITY_ACTION: AvailabilityAction = 'book';
/** How often waiting windows are searched again without a word of a change, where the lifecycle names none. */
export const DEFAULT_AVAILABILITY_RECHECK_MS = 15 * 60_000;

/** One window, as stored and answered: UTC instants. */
export interface AvailabilityWindow {
  start: string;
  end: string;
}

/** What the lifecycle keeps of the candidate's windows (absent in lifecycles from before them). */
export interface AvailabilityState {
  windows: AvailabilityWindow[];
  /** The zone the candidate wrote the windows in, to show them back in. */
  timezone: string;
  note: string | null;
  submittedAt: string;
  /** When the next search runs (now, after a change in the pool; otherwise the periodic re-check). */
  searchAt: string;
  /** When HR is told nothing fitted, unless something does first. */
  hrDueAt: string;
  hrTold: boolean;
  /** Times offered (docs/adr/0073) that the candidate let go or let expire: not offered again. */
  passed?: string[];
  /** A loop session's copy (docs/adr/0077): the loop searches the windows for whole itineraries; the session only keeps them. */
  byLoop?: true;
}

/** What the candidate sends: the windows, the zone they are written in, and an optional note to HR. */
export interface AvailabilityRequest {
  windows: AvailabilityWindow[];
  timezone: string;
  note?: string;
}

/** A local date and time (`2026-12-01T09:00`) in the request's zone, or an instant with its offset. */
const LOCAL_OR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const windowTime = screened(z.string().regex(LOCAL_OR_INSTANT, 'use YYYY-MM-DDTHH:mm (in `timezone`) or an instant with its offset'));
const zone = screened(z.string().min(1).max(64).refine(isValidTimezone, 'unknown time zone'));

const windowFields = {
  windows: z
    .array(z.object({ start: windowTime, end: windowTime }))
    .min(1, 'give at least one window')
    .max(MAX_AVAILABILITY_WINDOWS, `at most ${MAX_AVAILABILITY_WINDOWS} windows`)
    .meta({ description: 'When the candidate could come: local times in `timezone` (`2026-12-01T09:00`), or instants with an offset.' }),
  timezone: zone.meta({ description: 'The IANA zone the windows are written in.', example: 'Europe/Berlin' }),
  note: multilineText(500).optional().meta({ description: 'A line for HR (shown on the interview page).' }),
};

export const availabilityInput = z.object({ token: secretText(4096, { min: 10 }), ...windowFields });
export const availabilityBody = z.object(windowFields);

/** A window's time as an instant: a local time is read in `timezone`; one with an offset is taken as it is. */
function instantOf(written: string, timezone: string): number {
  const at = DateTime.fromISO(written, { zone: timezone, setZone: false });
  return at.isValid ? at.toMillis() : NaN;
}

/**
 * The windows as UTC instants, checked against the interview: each in the future, no longer than
 * the booking horizon reaches, at least the interview's length; overlapping windows merged. A
 * window that cannot hold the interview is refused on its field, so the candidate can correct it.
 */
export function normaliseWindows(
  request: Pick<AvailabilityRequest, 'windows' | 'timezone'>,
  interview: { durationMinutes: number; horizonDays: number },
  nowMs: number,
): AvailabilityWindow[] {
  const durationMs = interview.durationMinutes * 60_000;
  const horizonMs = nowMs + interview.horizonDays * 24 * 3_600_000;
  const read = request.windows.map((window, index) => {
    const start = instantOf(window.start, request.timezone);
    const end = instantOf(window.end, request.timezone);
    const field = `windows.${index}`;
    if (Number.isNaN(start) || Number.isNaN(end)) throw new DomainError('BAD_INPUT', 'That is not a date and time.', { field });
    if (end <= nowMs) throw new DomainError('BAD_INPUT', 'This window has already passed.', { field });
    if (start >= horizonMs) {
      throw new DomainError('BAD_INPUT', `This window starts after the last day times can be booked (${interview.horizonDays} days ahead).`, { field });
    }
    if (end - Math.max(start, nowMs) < durationMs) {
      throw new DomainError('BAD_INPUT', `Each window must be at least as long as the interview (${interview.durationMinutes} minutes).`, { field });
    }
    return { start: Math.max(start, nowMs), end: Math.min(end, horizonMs) };
  });
  read.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const window of read) {
    const last = merged.at(-1);
    if (last !== undefined && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged.map((w) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() }));
}

/** Whether a slot of `durationMs` starting at `startMs` lies wholly inside one of the windows. */
export function fitsAWindow(windows: readonly AvailabilityWindow[], startMs: number, durationMs: number): boolean {
  return windows.some((w) => startMs >= Date.parse(w.start) && startMs + durationMs <= Date.parse(w.end));
}

/** Whether every window has ended: nothing left to search. */
export function windowsOver(windows: readonly AvailabilityWindow[], nowMs: number): boolean {
  return windows.every((w) => Date.parse(w.end) <= nowMs);
}

/** Whether every session of an itinerary (its starts and the sessions' lengths) lies wholly inside a window. */
export function itineraryFits(windows: readonly AvailabilityWindow[], starts: readonly number[], durationsMs: readonly number[]): boolean {
  return starts.every((start, i) => fitsAWindow(windows, start, durationsMs[i] ?? 0));
}

/** The search's answer: fitting starts (earliest first) and, for HR, the free times nearest the windows outside them. */
export interface WindowSearch {
  fitting: string[];
  nearest: string[];
}

/** The free starts nearest to any window (by distance to its closest edge), at most `count`, in time order. */
export function nearestOutside(windows: readonly AvailabilityWindow[], starts: readonly number[], durationMs: number, count: number): string[] {
  const distance = (startMs: number) =>
    Math.min(...windows.map((w) => Math.max(0, Date.parse(w.start) - (startMs + durationMs), startMs - Date.parse(w.end))));
  return starts
    .filter((s) => !fitsAWindow(windows, s, durationMs))
    .map((s) => ({ s, d: distance(s) }))
    .sort((a, b) => a.d - b.d || a.s - b.s)
    .slice(0, count)
    .map(({ s }) => s)
    .sort((a, b) => a - b)
    .map((s) => new Date(s).toISOString());
}
