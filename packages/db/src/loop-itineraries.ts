import type { Database } from './database';
import type { InterviewDocument, LoopDocument } from './documents';
import { freeSlotsUnderRules } from './free-slots';
import { withInterviewBuffers } from '@portal/shared/buffers';
import { searchItineraries, type Itinerary, type MemberFacts, type SessionOptions } from '@portal/shared/itineraries';
import { zoneDays } from '@portal/shared/itinerary-days';
import type { SlotRules } from '@portal/shared/slots';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** What the search needs of a session: its pool, its panel, its length and buffers. */
export type SearchedSession = Pick<InterviewDocument, 'interviewerIds' | 'panelSize' | 'durationMinutes' | 'buffers'>;

/** A session's free starts as the listing found them, before the loop's layout is applied. */
export type SessionSlots = SessionOptions['slots'];

/**
 * A loop's itinerary search over its sessions' free times (docs/adr/0031): each session's starts
 * come from the single-session listing under its own rules (every rule a single interview
 * honours), all pools in one read; the search adds the loop's layout. Booking's page lists one day
 * of it; the loop workflow searches a candidate's windows with it (docs/adr/0077). `adjust` changes a
 * session's starts before the search (a booked loop's kept times, a candidate's windows).
 */
export async function loopItinerarySearch<S extends SearchedSession>(
  db: Database,
  loop: Pick<LoopDocument, 'rules'>,
  sessions: readonly { interview: S; rules: SlotRules }[],
  now: Date,
  adjust: (session: number, slots: SessionSlots) => SessionSlots = (_session, slots) => slots,
) {
  const reads = await freeSlotsUnderRules(db, sessions, now);
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
      const around = withInterviewBuffers(doc, sessions[i]?.interview.buffers);
      const known = members.get(doc._id);
      members.set(doc._id, {
        bufferBeforeMs: Math.max(known?.bufferBeforeMs ?? 0, around.bufferBeforeMinutes * MINUTE_MS),
        bufferAfterMs: Math.max(known?.bufferAfterMs ?? 0, around.bufferAfterMinutes * MINUTE_MS),
        dayOf: known?.dayOf ?? daysIn(doc.timezone).of,
      });
    }
  }
  const options: SessionOptions[] = reads.map((read, i) => ({
    durationMs: (sessions[i]?.interview.durationMinutes ?? 0) * MINUTE_MS,
    panelSize: sessions[i]?.interview.panelSize ?? 1,
    slots: adjust(
      i,
      read.slots.map((slot) => ({ start: slot.start.getTime(), interviewerIds: slot.interviewerIds })),
    ),
  }));

  /** The itineraries starting on `firstDay` of the candidate's zone, best first. */
  const search = (timezone: string, firstDay: number, limit?: number): Itinerary[] =>
    searchItineraries({ sessions: options, rules: loop.rules, members, candidateDay: daysIn(timezone), firstDay, ...(limit === undefined ? {} : { limit, stopAfter: limit }) });

  /** The candidate's days (in their zone) on which some itinerary starts, earliest first. */
  const openDays = (timezone: string): number[] => {
    const days = daysIn(timezone);
    // Days a loop can start on: a day with a start of any session that may come first.
    const firsts = loop.rules.order === 'fixed' ? options.slice(0, 1) : options;
    const startDays = [...new Set(firsts.flatMap((o) => o.slots.map((s) => days.of(s.start))))].sort((a, b) => a - b);
    return startDays.filter((day) => search(timezone, day, 1).length > 0);
  };

  return { options, daysIn, search, openDays };
}

export type LoopItinerarySearch = Awaited<ReturnType<typeof loopItinerarySearch>>;
