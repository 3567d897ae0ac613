import type { Database } from '@portal/db';
import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { loopItinerarySearch, type SessionSlots } from '@portal/db/loop-itineraries';
import { itineraryId } from '@portal/shared/loops';
import type { BookingEnv } from '../core/env';
import { sessionsUnderRules } from '../slots/slot-listing';

const MINUTE_MS = 60_000;

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
function adjusted(slots: SessionSlots, kept: KeptTime[], dropped: number[]): SessionSlots {
  if (kept.length === 0 && dropped.length === 0) return slots;
  const others = slots.filter((slot) => !kept.some((k) => k.start === slot.start) && !dropped.includes(slot.start));
  return [...others, ...kept.map((k) => ({ start: k.start, interviewerIds: k.interviewerIds }))].sort((a, b) => a.start - b.start);
}

/**
 * A loop's itineraries for one day in the candidate's zone (the first day with any when none is
 * chosen), and the days that have one, under the rules fixed at each session's invitation
 * (`loopItinerarySearch`, shared with the loop's search of a candidate's windows).
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
  const { options, daysIn, search, openDays: openDaysIn } = await loopItinerarySearch(db, loop, sessionsUnderRules(env, sessions), now, (i, slots) =>
    adjusted(
      slots,
      kept.filter((k) => k.session === i),
      dropped.filter((d) => d.session === i).map((d) => d.start),
    ),
  );
  const days = daysIn(input.timezone);
  const openDays = openDaysIn(input.timezone);
  const chosen = input.day === undefined ? openDays[0] : days.fromIsoDate(input.day);
  const found = chosen === undefined ? [] : search(input.timezone, chosen);
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
