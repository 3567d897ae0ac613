/**
 * A moment's sends come before the writes that only record them. Hundreds of reminders fall due at
 * once, and the database is what they wait for: each text then brings two delivery reports and each
 * send a write of the provider's answer, and written in the middle of the moment they stretched its
 * reads and claims (docs/adr/0045). The reads, claims and provider requests of sends due now run as
 * `urgent`; a write that records what already happened first waits `untilQuiet`: until no urgent
 * work is running in this process, and never longer than `maxWaitMs` (a delivery report must be
 * answered well within Twilio's 15 s).
 */
export interface SendPriority {
  urgent<T>(work: () => Promise<T>): Promise<T>;
  untilQuiet(): Promise<void>;
}

export function sendPriority(maxWaitMs = 5_000): SendPriority {
  let running = 0;
  const waiting = new Set<() => void>();
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
    untilQuiet() {
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
    },
  };
}

