import type { Client } from '@microsoft/microsoft-graph-client';
import type { ScheduleInformation } from '@microsoft/microsoft-graph-types';
import type { BusyInterval } from '../busy-from-ical';
import { graphTime, instantOf } from './microsoft-events';
import { MicrosoftCalendarProblem } from './microsoft-problem';

export type CalendarBusy = { ok: true; busy: BusyInterval[] } | { ok: false; problem: MicrosoftCalendarProblem };

type Attempt = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/** Mailboxes per getSchedule request: a conservative batch (Exchange's free/busy answers at most 100). */
const SCHEDULE_BATCH = 20;
const BUSY_STATUSES = new Set(['busy', 'tentative', 'oof']);
const UTC = 'outlook.timezone="UTC"';

function merged(spans: BusyInterval[], from: Date, to: Date): BusyInterval[] {
  const clipped = spans
    .map((s) => ({ start: new Date(Math.max(s.start.getTime(), from.getTime())), end: new Date(Math.min(s.end.getTime(), to.getTime())) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: BusyInterval[] = [];
  for (const span of clipped) {
    const previous = out.at(-1);
    if (previous !== undefined && span.start <= previous.end) previous.end = new Date(Math.max(previous.end.getTime(), span.end.getTime()));
    else out.push(span);
  }
  return out;
}

/** Busy times by getSchedule, as Google's free/busy gives them: merged and clipped, each mailbox its own answer or problem. */
export function scheduleOf(api: Client, attempt: Attempt, viewer: string | undefined) {
  return {
    /** Each mailbox's busy periods in [from, to) by getSchedule (busy, tentative, oof); one Graph would not show carries its problem. */
    busy: (calendarIds: readonly string[], from: Date, to: Date) =>
      attempt('read free/busy', async () => {
        const found = new Map<string, CalendarBusy>();
        for (let i = 0; i < calendarIds.length; i += SCHEDULE_BATCH) {
          const batch = calendarIds.slice(i, i + SCHEDULE_BATCH);
          const who = viewer ?? batch[0] ?? '';
          const body = { schedules: batch, startTime: graphTime(from), endTime: graphTime(to), availabilityViewInterval: 15 };
          const answer = (await api.api(`/users/${encodeURIComponent(who)}/calendar/getSchedule`).header('Prefer', UTC).post(body)) as { value?: ScheduleInformation[] };
          for (const id of batch) {
            const entry = answer.value?.find((s) => s.scheduleId?.toLowerCase() === id.toLowerCase());
            const code = entry === undefined ? 'missing' : entry.error ? (entry.error.responseCode ?? 'error') : null;
            if (code !== null) {
              const safe = /^[A-Za-z]{1,60}$/.test(code) ? code : 'error';
              const kind = /NotFound|InvalidRecipients|missing/.test(safe) ? 'NOT_FOUND' : 'REFUSED';
              found.set(id, { ok: false, problem: new MicrosoftCalendarProblem(kind, `read free/busy: ${safe}`) });
              continue;
            }
            const spans = (entry?.scheduleItems ?? []).flatMap((item) => {
              const [start, end] = [instantOf(item.start), instantOf(item.end)];
              return item.status && BUSY_STATUSES.has(item.status) && start && end ? [{ start, end }] : [];
            });
            found.set(id, { ok: true, busy: merged(spans, from, to) });
          }
        }
        return found;
      }),
  };
}
