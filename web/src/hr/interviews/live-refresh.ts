import { trpc } from '../../api/trpc';
import { createLiveSubscription } from '../../live/live-subscription';

/** Changes this close together are read back with one request: a burst of bookings is one refresh. */
const GATHER_MS = 150;

/**
 * Reads the page again when an interview it shows changes (any interview, for the list; its own,
 * for an interview's page), and when a reconnected stream cannot say what was missed.
 */
export function createLiveRefresh(scope: { interviewId?: string | undefined }, refresh: () => void) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const input = scope.interviewId === undefined ? {} : { interviewId: scope.interviewId };
  return createLiveSubscription<{ data: { interviewId: string | null; resync: boolean } }>(
    (handlers) => trpc.hr.interviews.live.subscribe(input, handlers),
    ({ data }) => {
      if (data.interviewId === null && !data.resync) return;
      clearTimeout(pending);
      pending = setTimeout(refresh, GATHER_MS);
    },
  );
}
