import { createContext, createSignal, useContext, type Accessor } from 'solid-js';
import { trpc, type CandidateSlots } from '../api/trpc';
import { createLiveSubscription, type LiveState } from '../live/live-subscription';

/** What the page's one stream says (services/booking/src/live/candidate-live.ts). */
interface CandidateLiveEvent {
  free: CandidateSlots | null;
  changed: boolean;
  itineraries: boolean;
}

export interface PageLive {
  state: Accessor<LiveState>;
  /** The pool's free times as last pushed (a picker open on the page follows them). */
  free: Accessor<CandidateSlots | undefined>;
  /** Counts pushes saying a loop's itineraries may have changed (the loop picker reads them again). */
  itineraries: Accessor<number>;
}

/** The page's stream, for the pickers below it: one stream per page, whichever parts are open. */
export const PageLiveContext = createContext<PageLive>({ state: (): LiveState => 'connecting', free: () => undefined, itineraries: () => 0 });

export const usePageLive = () => useContext(PageLiveContext);

/**
 * One live stream for a candidate's page, open as long as the calling component lives
 * (docs/adr/0033): the pool's free times for a picker, and word of every change to the page's own
 * interview or loop (`onChanged`: HR moved it, replaced a panel member, cancelled a session), on
 * which the page reads itself again. Nothing is asked on a timer.
 */
export function createPageLive(token: string, onChanged: () => void): PageLive {
  const [free, setFree] = createSignal<CandidateSlots | undefined>(undefined, { equals: false });
  const [itineraries, setItineraries] = createSignal(0);
  const state = createLiveSubscription<{ data: CandidateLiveEvent }>(
    (handlers) => trpc.candidate.live.subscribe({ token }, handlers),
    ({ data }) => {
      if (data.free !== null) setFree(data.free);
      if (data.itineraries) setItineraries((n) => n + 1);
      if (data.changed) onChanged();
    },
  );
  return { state, free, itineraries };
}
