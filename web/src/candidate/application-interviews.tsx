import { For, Match, Show, Switch, type Resource } from 'solid-js';
import type { ApplicationInterview, CandidateApplication } from '../api/trpc';
import type { MessageKey } from '@portal/shared/i18n/messages';
import { kindTitle, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';

/** An interview's or a loop's status as the candidate reads it. */
const STATE: Record<string, MessageKey> = {
  INVITED: 'page.application.state.invited',
  SCHEDULED: 'page.application.state.booked',
  BOOKED: 'page.application.state.booked',
  IN_PROGRESS: 'page.application.state.inProgress',
  COMPLETED: 'page.application.state.completed',
  PARTLY_COMPLETED: 'page.application.state.partlyCompleted',
  NO_SHOW: 'page.application.state.noShow',
  CANCELLED: 'page.application.state.cancelled',
  EXPIRED: 'page.application.state.expired',
  ARCHIVED: 'page.application.state.replaced',
};

/** What opening another interview's link lets the candidate do there. */
function openLabel(status: string): string {
  if (status === 'INVITED') return t('page.application.open.book');
  if (status === 'IN_PROGRESS') return t('page.application.open.join');
  return t('page.application.open.manage');
}

/**
 * Every other interview of the candidate's application (same person, same position): each with
 * its state and time and, while it can still be booked, changed or joined, its own link. The page
 * reads the list and shows this only when there is another (or the read failed): its own chunk, so a
 * page with none never downloads it.
 */
export function ApplicationInterviews(props: {
  application: Resource<CandidateApplication>;
  retry: () => void;
  /** The zone the times are in, as the page names it: "Europe/London, GMT+0". */
  zoneName: string;
  /** An instant as the rest of the page shows it (its zone, clock and language). */
  when: (iso: string) => string;
}) {
  const application = () => props.application;
  const others = () => application().latest?.interviews.filter((entry) => !entry.current) ?? [];
  const when = (iso: string) => props.when(iso);

  return (
    <Switch>
      <Match when={application().state === 'errored'}>
        <section class="card application" aria-labelledby="application-title">
          <h2 id="application-title">{t('page.application.heading')}</h2>
          <p class="notice notice-error">{t('page.application.failed')}</p>
          <button type="button" onClick={() => props.retry()}>
            {t('page.problem.retry')}
          </button>
        </section>
      </Match>
      <Match when={others().length > 0}>
        <section class="card application" aria-labelledby="application-title">
          <h2 id="application-title">{t('page.application.heading')}</h2>
          <p class="hint"><Words message="page.application.times" values={{ zone: <Data>{props.zoneName}</Data> }} /></p>
          <ul class="application-list">
            <For each={others()}>
              {(entry: ApplicationInterview) => (
                <li class="application-entry" data-interview={entry.interviewId}>
                  <h3>
                    {entry.loopId ? t('page.application.loop') : kindTitle(entry.kind, entry.kindLabel, entry.kindTitles)}
                    <Show when={entry.attempt > 1}> · {t('page.application.attempt', { n: entry.attempt })}</Show>
                  </h3>
                  <p>
                    <strong class="application-state">{STATE[entry.status] ? t(STATE[entry.status] as MessageKey) : entry.status}</strong>
                    {' · '}
                    {entry.start ? <time datetime={entry.start}>{when(entry.start)}</time> : t('page.application.notBooked')}
                  </p>
                  <Show when={entry.sessions.length > 0}>
                    <ol class="itinerary-sessions">
                      <For each={entry.sessions}>
                        {(s) => (
                          <li>
                            {/* HR's title: data, not catalogue text. */}
                            <Data>{s.title}</Data>
                            <Show when={s.start}>{(start) => <> · <time datetime={start()}>{when(start())}</time></>}</Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                  <Show when={entry.link}>{(link) => <a class="button" href={link()}>{openLabel(entry.status)}</a>}</Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Match>
    </Switch>
  );
}
