import pLimit from 'p-limit';

/**
 * A moment's sends come before the writes that only record them. Hundreds of reminders fall due at
 * once, and the database is what they wait for: each text then brings two delivery reports and each
 * send a write of the provider's answer, and written in the middle of the moment they stretched its
 * reads and claims (docs/adr/0045). The reads, claims and provider requests of sends due now run as
 * `urgent`; a write that records what already happened goes `afterSends`: once no urgent work is
 * running in this process, or after `maxWaitMs` at the latest (a delivery report must be answered
 * well within Twilio's 15 s), and never more than `recordsAtOnce` such writes at a time.
 *
 * That last bound keeps a large moment on time. A moment of 1,000 interviews with texts sends for
 * longer than `maxWaitMs`, so its records (a SENT per send, two delivery reports per text) went in
 * while it still sent, thousands at once, into the one queue of the database driver's sockets, and
 * every read and claim of the moment's later batches waited behind all of them (docs/adr/0045,
 * "A moment longer than the wait").
 */
export interface SendPriority {
  urgent<T>(work: () => Promise<T>): Promise<T>;
  untilQuiet(): Promise<void>;
  afterSends<T>(work: () => Promise<T>): Promise<T>;
}

/** A quarter of a service's database sockets (MAX_SOCKETS_PER_SERVICE, 32): a send's call waits behind at most this many records. */
const RECORDS_AT_ONCE = 8;

export function sendPriority(maxWaitMs = 5_000, recordsAtOnce = RECORDS_AT_ONCE): SendPriority {
  let running = 0;
  const waiting = new Set<() => void>();
  const records = pLimit(recordsAtOnce);

  function untilQuiet(): Promise<void> {
    if (running === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        waiting.delete(go);
        resolve();
      };
      const timer = setTimeout(go, maxWaitMs);
      waiting.add(go);
    });
  }

  return {
    async urgent(work) {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        if (running === 0) for (const go of [...waiting]) go();
      }
    },
    untilQuiet,
    async afterSends(work) {
      await untilQuiet();
      return records(work);
    },
  };
}
