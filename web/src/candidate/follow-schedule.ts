import type { Accessor } from 'solid-js';
import { trpc, type CandidateLoop, type CandidateView } from '../api/trpc';
import { dayAndTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import { intlLocale } from '../i18n/page-language';

interface FollowOptions {
  token: Accessor<string>;
  view: Accessor<CandidateView>;
  loop: Accessor<CandidateLoop | null>;
  zone: Accessor<string>;
  apply: (view: CandidateView, loop: CandidateLoop | null) => void;
  announce: (news: string) => void;
  /** The page could not be read again (the link stopped working): load it the usual way, which explains. */
  onStale: () => void;
}

/**
 * What the page does when its stream says its interview or loop changed elsewhere: reads its view
 * (and loop) again in one batched request, shows it in place and says what changed in the polite
 * status line. Focus stays where it is; only if the focused control is gone with the change does
 * it go to the page's heading, never to the top of the document. Changes arriving while a read is
 * under way are read once more after it.
 *
 * `ownChange` is called when the candidate's own change is answered (and again when the page shows
 * it): a read begun before then may hold a state between two steps of that change (a loop's first
 * session moved, its second not yet), so it is put aside and read again, and what the page says
 * of the candidate's own change ("Your interview has been moved.") is not talked over.
 */
export function followSchedule(options: FollowOptions): { follow: () => void; ownChange: () => void } {
  let reading = false;
  let again = false;
  let changes = 0;

  async function readOnce() {
    const token = options.token();
    const began = changes;
    const focused = document.activeElement;
    const [view, loop, { scheduleNews }] = await Promise.all([
      trpc.candidate.view.query({ token }),
      options.view().loop ? trpc.candidate.loop.query({ token }) : Promise.resolve(null),
      // Its own chunk: the page that never changes while open never downloads it.
      import('./schedule-news'),
    ]);
    if (began !== changes) {
      again = true;
      return;
    }
    // Compared with what the page shows now, not when the read began: the candidate's own move or
    // cancel, answered while this read was under way, is no news (the page said it already).
    const before = { view: options.view(), loop: options.loop() };
    options.apply(view, loop);
    const when = (iso: string) => dayAndTime(iso, options.zone(), hourCycle(), intlLocale());
    const news = scheduleNews(before, { view, loop }, when);
    if (news !== '') options.announce(news);
    requestAnimationFrame(() => {
      if (focused instanceof HTMLElement && focused !== document.body && !focused.isConnected) {
        document.querySelector<HTMLElement>('main h1')?.focus();
      }
    });
  }

  const follow = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    void (async () => {
      try {
        do {
          again = false;
          await readOnce();
        } while (again);
      } catch {
        options.onStale();
      } finally {
        reading = false;
      }
    })();
  };
  return {
    follow,
    ownChange: () => {
      changes += 1;
    },
  };
}
