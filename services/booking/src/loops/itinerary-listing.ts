import type { Database } from '@portal/db';
import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { withInterviewBuffers } from '@portal/shared/buffers';
import { searchItineraries, type MemberFacts, type SessionOptions } from '@portal/shared/itineraries';
import { zoneDays } from '@portal/shared/itinerary-days';
import { itineraryId } from '@portal/shared/loops';
import type { BookingEnv } from '../core/env';
import { freeSlotsOfSessions } from '../slots/slot-listing';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A booked session's own time, offered again with its panel: keeping it needs no claim (a loop's re-book, docs/adr/0032). */
export interface KeptTime {
  session: number;
  start: number;
  interviewerIds: string[];
}

/**
 * `slots` with each kept time in place (its own booking makes it busy in the listing, yet it is the
 * session's) and without the dropped ones (a re-picked session's held time: its panel is not whole).
 */
function adjusted(slots: SessionOptions['slots'], kept: KeptTime[], dropped: number[]): SessionOptions['slots'] {
  if (kept.length === 0 && dropped.length === 0) return slots;
  const others = slots.filter((slot) => !kept.some((k) => k.start === slot.start) && !dropped.includes(slot.start));
  return [...others, ...kept.map((k) => ({ start: k.start, interviewerIds: k.interviewerIds }))].sort((a, b) => a.start - b.start);
}

/**
 * A loop's itineraries for one day in the candidate's zone (the first day with any when none is
 * chosen), and the days that have one. Each session's starts come from the single-session listing
 * (every rule a single interview honours), all pools in one read; the search adds the loop's layout.
 * `kept`, `dropped`: booked sessions' times offered, and a held one left out (a booked loop offered again).
 */
export async function listItineraries(
  db: Database,
  env: BookingEnv,
  loop: LoopDocument,
  sessions: InterviewDocument[],
  input: { timezone: string; day?: string },
  now: Date,
  { kept = [], dropped = [] }: { kept?: KeptTime[]; dropped?: { session: number; start: number }[] } = {},
) {
  const reads = await freeSlotsOfSessions(db, env, sessions, now);
  // The days the search can touch: the horizon, and a day either side for any zone's local day.
  const window = { fromMs: now.getTime() - 2 * DAY_MS, toMs: now.getTime() + (Math.max(0, ...reads.map((r) => r.rules.horizonDays)) + 3) * DAY_MS };
  const zones = new Map<string, ReturnType<typeof zoneDays>>();
  const daysIn = (timezone: string) => {
    const known = zones.get(timezone) ?? zoneDays(timezone, window);
    zones.set(timezone, known);
    return known;
  };
  // A member's buffers, the widest any of their sessions asks (their own or its kind's, docs/adr/0066):
  // two sessions of theirs compete when either's would overlap the other.
  const members = new Map<string, MemberFacts>();
  for (const [i, { pool }] of reads.entries()) {
    for (const doc of pool) {
      const around = withInterviewBuffers(doc, sessions[i]?.buffers);
      const known = members.get(doc._id);
      members.set(doc._id, {
        bufferBeforeMs: Math.max(known?.bufferBeforeMs ?? 0, around.bufferBeforeMinutes * MINUTE_MS),
        bufferAfterMs: Math.max(known?.bufferAfterMs ?? 0, around.bufferAfterMinutes * MINUTE_MS),
        dayOf: known?.dayOf ?? daysIn(doc.timezone).of,
      });
    }
  }
  const options: SessionOptions[] = reads.map((read, i) => ({
    durationMs: (sessions[i]?.durationMinutes ?? 0) * MINUTE_MS,
    panelSize: sessions[i]?.panelSize ?? 1,
    slots: adjusted(
      read.slots.map((slot) => ({ start: slot.start.getTime(), interviewerIds: slot.interviewerIds })),
      kept.filter((k) => k.session === i),
      dropped.filter((d) => d.session === i).map((d) => d.start),
    ),
  }));
  const days = daysIn(input.timezone);
  // Days a loop can start on: a day with a start of any session that may come first.
  const firsts = loop.rules.order === 'fixed' ? options.slice(0, 1) : options;
  const startDays = [...new Set(firsts.flatMap((o) => o.slots.map((s) => days.of(s.start))))].sort((a, b) => a - b);
  const search = (firstDay: number, limit?: number) =>
    searchItineraries({ sessions: options, rules: loop.rules, members, candidateDay: days, firstDay, ...(limit === undefined ? {} : { limit, stopAfter: limit }) });
  const openDays = startDays.filter((day) => search(day, 1).length > 0);
  const chosen = input.day === undefined ? openDays[0] : days.fromIsoDate(input.day);
  const found = chosen === undefined ? [] : search(chosen);
  return {
    timezone: input.timezone,
    day: chosen === undefined ? null : days.toIsoDate(chosen),
    days: openDays.map(days.toIsoDate),
    itineraries: found.map((it) => ({
      itineraryId: itineraryId(it.starts),
      end: new Date(it.end).toISOString(),
      idleMinutes: Math.round(it.idleMs / MINUTE_MS),
      sessions: it.starts.map((start, i) => ({
        title: loop.sessions[i]?.title ?? `Session ${i + 1}`,
        start: new Date(start).toISOString(),
        end: new Date(start + (options[i]?.durationMs ?? 0)).toISOString(),
        panelSize: options[i]?.panelSize ?? 1,
      })),
    })),
  };
}

export type ItineraryList = Awaited<ReturnType<typeof listItineraries>>;
