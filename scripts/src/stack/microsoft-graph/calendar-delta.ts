import { eventAnswer, instantOf } from './event-body';
import type { Answer } from './events-api';
import { badRequest, GraphApiError } from './graph-errors';
import type { MailboxStore } from './mailbox-store';

/** What a `$skiptoken` or `$deltatoken` carries: the mailbox's epoch, the window, where the round stands. */
interface DeltaState {
  e: number;
  from: number;
  to: number;
  /** Changes after this number are this round's; null in a first (full) round. */
  since: number | null;
  /** The change number the round started at: the next round's `since`. */
  at: number;
  /** Entries created at or before this number were on earlier pages. */
  after: number;
}

const DEFAULT_PAGE = 10;
const encode = (state: DeltaState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function decode(token: string, epoch: number): DeltaState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    if (state.e === epoch && typeof state.at === 'number') return state;
  } catch {
    // answered below
  }
  throw new GraphApiError(410, 'SyncStateNotFound', 'The sync state generation is invalid or expired. A full synchronization is required.');
}

/** `Prefer: odata.maxpagesize=N` (with other preferences beside it), else Graph's page. */
export function pageSizeOf(prefer: string | undefined): number {
  const size = Number(/odata\.maxpagesize=(\d+)/.exec(prefer ?? '')?.[1] ?? DEFAULT_PAGE);
  return Math.min(Math.max(size, 1), 1000);
}

/**
 * `calendarView/delta` on one mailbox (the "Get incremental changes to events in a calendar view"
 * guide): a first round lists the window's events in pages (`@odata.nextLink` with `$skiptoken`),
 * its last page carries `@odata.deltaLink` (`$deltatoken`); a later round from that link lists what
 * changed since, an event deleted or moved out of the window as `@removed`. A token from before an
 * invalidation answers 410.
 */
export function calendarDelta(store: MailboxStore, email: string, query: URLSearchParams, prefer: string | undefined, linkTo: (params: Record<string, string>) => string): Answer {
  const box = store.mailbox(email);
  const token = query.get('$skiptoken') ?? query.get('$deltatoken');
  let state: DeltaState;
  if (token !== null) {
    state = decode(token, box.epoch);
    if (query.has('$deltatoken')) state = { ...state, since: state.at, at: store.currentSeq(), after: 0 };
  } else {
    const from = Date.parse(query.get('startDateTime') ?? '');
    const to = Date.parse(query.get('endDateTime') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) {
      throw badRequest('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', 'ErrorInvalidParameter');
    }
    state = { e: box.epoch, from, to, since: null, at: store.currentSeq(), after: 0 };
  }
  const inWindow = (start: number | null, end: number | null) => (end ?? Infinity) > state.from && (start ?? -Infinity) < state.to;
  const matching = store.entries(email).filter((entry) => {
    if (entry.createdSeq <= state.after) return false;
    if (state.since !== null) return entry.changedSeq > state.since;
    return !entry.deleted && inWindow(instantOf(entry.event.start), instantOf(entry.event.end));
  });
  const size = pageSizeOf(prefer);
  const page = matching.slice(0, size);
  const last = page.at(-1);
  const value = page.map((entry) =>
    entry.deleted || !inWindow(instantOf(entry.event.start), instantOf(entry.event.end)) ? { '@odata.type': '#microsoft.graph.event', id: entry.event.id, '@removed': { reason: 'deleted' } } : eventAnswer(entry.event, null),
  );
  const more = matching.length > page.length && last !== undefined;
  return {
    status: 200,
    headers: { 'preference-applied': `odata.maxpagesize=${size}` },
    body: {
      '@odata.context': `${linkTo({}).split('?')[0]}/$metadata#Collection(event)`,
      value,
      ...(more ? { '@odata.nextLink': linkTo({ $skiptoken: encode({ ...state, after: last.createdSeq }) }) } : { '@odata.deltaLink': linkTo({ $deltatoken: encode({ ...state, after: 0 }) }) }),
    },
  };
}
