import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** Where a live page stands: `reconnecting` once a stream it had is lost, until a new one is open. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'refused';

interface Handlers<T> {
  onData: (value: T) => void;
  onError: (error: unknown) => void;
  onConnectionStateChange: (change: { state: 'idle' | 'connecting' | 'pending' }) => void;
}

/**
 * Opens a tRPC subscription for as long as the calling component lives, hands each event to
 * `onData` and says how the connection stands. The page never asks on a timer: events come when
 * something changed, and a reconnected stream sends what was missed (see api/trpc.ts).
 */
export function createLiveSubscription<T>(open: (handlers: Handlers<T>) => { unsubscribe: () => void }, onData: (value: T) => void): Accessor<LiveState> {
  const [state, setState] = createSignal<LiveState>('connecting');
  let wasLive = false;
  const subscription = open({
    onData,
    onError: () => setState('refused'),
    onConnectionStateChange: ({ state: next }) => {
      if (next === 'pending') {
        wasLive = true;
        setState('live');
      } else if (next === 'connecting') {
        setState(wasLive ? 'reconnecting' : 'connecting');
      }
    },
  });
  onCleanup(() => subscription.unsubscribe());
  return state;
}
