import type { CandidateLoop, CandidateView } from '../api/trpc';
import { t } from '../i18n/page-language';

interface PageRead {
  view: CandidateView;
  loop: CandidateLoop | null;
}

/**
 * What changed between two reads of the candidate's page, as one sentence or a few, for the polite
 * status line: a booking or cancellation, a new time, a new panel, a loop's session moved or
 * cancelled; anything else the page shows differently, in general words. '' when nothing the page
 * shows changed (the stream says "changed" for writes the candidate does not see too, such as a
 * panel member's answer).
 */
export function scheduleNews(before: PageRead, after: PageRead, when: (iso: string) => string): string {
  const news: string[] = [];
  const was = before.view;
  const now = after.view;
  if (was.status !== now.status && now.status === 'CANCELLED') news.push(t('page.done.cancelled'));
  else if (was.status === 'INVITED' && now.status === 'SCHEDULED' && after.loop === null) news.push(t('page.done.booked'));
  else if (was.slot && now.slot && was.slot.start !== now.slot.start && after.loop === null) news.push(t('page.live.moved', { when: when(now.slot.start) }));
  const panel = (view: CandidateView) => view.slot?.panelNames.join(', ') ?? '';
  if (now.status !== 'CANCELLED' && after.loop === null && panel(was) !== '' && panel(now) !== '' && panel(was) !== panel(now)) {
    news.push(t('page.live.panel', { names: panel(now) }));
  }
  for (const session of after.loop?.sessions ?? []) {
    const earlier = before.loop?.sessions.find((s) => s.interviewId === session.interviewId);
    if (earlier === undefined) continue;
    if (earlier.status !== 'CANCELLED' && session.status === 'CANCELLED') news.push(t('page.live.sessionCancelled', { title: session.title }));
    else if (earlier.slot && session.slot && earlier.slot.start !== session.slot.start) {
      news.push(t('page.live.sessionMoved', { title: session.title, when: when(session.slot.start) }));
    }
  }
  if (before.loop && after.loop && before.loop.status !== 'BOOKED' && after.loop.status === 'BOOKED' && news.length === 0) news.push(t('page.done.booked'));
  if (news.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) news.push(t('page.live.updated'));
  return news.join(' ');
}
