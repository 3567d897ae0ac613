import { Match, Show, Suspense, Switch, createResource, createSignal, onCleanup, createEffect, lazy } from 'solid-js';
import { trpc, type CandidateView } from '../api/trpc';
import { hourCycle, initialZone, rememberZone } from '../time/zone-preference';
import { LiveMessage } from '../ui/live-message';
import { usePageTitle } from '../ui/page-title';
import { InterviewIntro } from './interview-intro';
import { SlotPicker } from './slot-picker';
import { BookedInterview } from './booked-interview';
import { CancelInterview } from './cancel-interview';
import { ClosedInterview, closedTitle } from './closed-interview';
import { intlLocale, t } from '../i18n/page-language';
import { clockTime as timeOfDay, dayAndTime, zoneTag } from '../time/clock';
import { LanguageChoice } from './language-choice';
import { TeamBanner } from './team-banner';
import { applicationInterviews } from './free-times';
import { PageLiveContext, createPageLive } from './page-live';
import { followSchedule } from './follow-schedule';

// Loops are the exception: their picker is its own chunk, so a single interview's page stays in budget.
const EarlierTime = lazy(() => import('./earlier-time').then((m) => ({ default: m.EarlierTime })));
const LoopPicker = lazy(() => import('./loop-picker').then((m) => ({ default: m.LoopPicker })));
const LoopSessions = lazy(() => import('./loop-picker').then((m) => ({ default: m.LoopSessions })));
// The application's other interviews: a chunk of their own too, downloaded only when there is one to list.
// "None of these times work": its form is a chunk of its own, downloaded when opened or when windows were sent.
const SuggestTimes = lazy(() => import('./suggest-times').then((m) => ({ default: m.SuggestTimes })));
const ApplicationInterviews = lazy(() => import('./application-interviews').then((m) => ({ default: m.ApplicationInterviews })));

interface CandidateInterviewProps {
  view: CandidateView;
  token: string;
  onChange: (view: CandidateView) => void;
  /** The view may be out of date (a refusal said so, or a timer passed): load it again. */
  onStale: () => void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function CandidateInterview(props: CandidateInterviewProps) {
  // A booked interview shows the zone it was booked in, unless this device chose one since.
  const [zone, setZone] = createSignal(initialZone(props.view.slot ? props.view.candidateTimezone : null));
  const [announcement, setAnnouncement] = createSignal('');
  const [suggesting, setSuggesting] = createSignal(false);
  // A loop's link books whole itineraries; a single interview's, one time (null).
  // Asked only for a loop's link, so a single interview's page opens with one request.
  const [loop, { mutate: setLoop }] = createResource(
    () => props.view.loop && props.token,
    (token) => trpc.candidate.loop.query({ token }),
  );
  // Read again when this interview's status changes: a booking or a cancel here can change what the others allow.
  const [application, { refetch: readApplication }] = createResource(
    () => ({ token: props.token, status: props.view.status }),
    ({ token }) => applicationInterviews(token),
  );
  const listsOthers = () =>
    application.state === 'errored' ||
    ((application.state === 'ready' || application.state === 'refreshing') && application.latest.interviews.some((entry) => !entry.current));
  // The page follows its interview as it changes elsewhere (HR moves it, replaces a panel member,
  // cancels a session): read again, said in the polite status line, focus left where it is.
  const follow = followSchedule({
    token: () => props.token,
    view: () => props.view,
    loop: () => loop.latest ?? null,
    zone,
    apply: (next, nextLoop) => {
      if (nextLoop !== null) setLoop(nextLoop);
      props.onChange(next);
    },
    announce: (news) => {
      setAnnouncement('');
      // Emptied first so a screen reader hears the same news twice; the page's own message
      // ("Your interview has been moved.") set in between is what the candidate did, and stays.
      requestAnimationFrame(() => {
        if (announcement() === '') setAnnouncement(news);
      });
    },
    onStale: () => props.onStale(),
  });
  const live = createPageLive(props.token, follow.follow);
  const loopClosed = () => loop.state === 'ready' && loop()?.status === 'CANCELLED';
  const chooseZone = (next: string) => {
    rememberZone(next);
    setZone(next);
  };

  usePageTitle(() => {
    const status = props.view.status;
    if (status === 'INVITED') return t('page.title.pick');
    if (status === 'SCHEDULED') return t('page.title.booked');
    if (status === 'IN_PROGRESS') return t('page.title.now');
    return closedTitle(props.view);
  });

  const changed = (next: CandidateView, message: string) => {
    follow.ownChange();
    setAnnouncement(message);
    props.onChange(next);
    // The control that was used is gone; start keyboard and screen-reader users at the new heading.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  // Reload when the join window opens, so "Join" appears without the candidate refreshing.
  createEffect(() => {
    const opensAt = props.view.joinOpensAt;
    if (props.view.joinable || opensAt === null) return;
    const wait = Date.parse(opensAt) - Date.now();
    if (wait <= 0 || wait > MAX_TIMER_MS) return;
    const timer = setTimeout(() => props.onStale(), wait + 500);
    onCleanup(() => clearTimeout(timer));
  });

  return (
    <PageLiveContext.Provider value={live}>
      <LiveMessage tone="success" when={announcement()}>
        {announcement()}
      </LiveMessage>
      <LiveMessage when={live.state() === 'reconnecting'}>{t('page.live.reconnecting')}</LiveMessage>
      {/* A deployment whose one team was never named shows no banner (the view's team is null). */}
      <Show when={props.view.team}>{(team) => <TeamBanner team={team()} />}</Show>
      <LanguageChoice view={props.view} token={props.token} onChange={props.onChange} />
      <Switch fallback={<ClosedInterview view={props.view} />}>
        <Match when={props.view.status === 'INVITED'}>
          <InterviewIntro view={props.view} />
          <Switch
            fallback={
              <SlotPicker
                token={props.token}
                mode="book"
                texts={{ phone: props.view.candidatePhone, sms: props.view.smsOptIn }}
                zone={zone()}
                onZoneChange={chooseZone}
                hrEmail={props.view.hrEmail}
                onDone={(next) => changed(next, t('page.done.booked'))}
                onStale={props.onStale}
              />
            }
          >
            <Match when={props.view.loop && (loop.state === 'pending' || loop.state === 'unresolved')}>
              <p class="loading" role="status">
                {t('page.loadingTimes')}
              </p>
            </Match>
            <Match when={loopClosed() && loop()}>
              {(closed) => (
                <Suspense>
                  <LoopSessions loop={closed()} zone={zone()} />
                </Suspense>
              )}
            </Match>
            <Match when={loop.state === 'ready' && loop()}>
              <Suspense
                fallback={
                  <p class="loading" role="status">
                    {t('page.loadingTimes')}
                  </p>
                }
              >
                <LoopPicker
                token={props.token}
                zone={zone()}
                onZoneChange={chooseZone}
                hrEmail={props.view.hrEmail}
                onDone={(next) => {
                  setLoop(next);
                  setAnnouncement(t('page.done.booked'));
                  props.onStale();
                }}
              />
              </Suspense>
            </Match>
          </Switch>
          {/* A loop takes windows too, for whole itineraries (docs/adr/0077), until it is booked. */}
          <Show when={!props.view.loop || !loopClosed()}>
            <Show
              when={suggesting() || props.view.availability !== null}
              fallback={
                <section class="card" aria-labelledby="suggest-title">
                  <h2 id="suggest-title">{t('page.availability.heading')}</h2>
                  <button type="button" onClick={() => setSuggesting(true)}>
                    {t('page.availability.open')}
                  </button>
                </section>
              }
            >
              <Suspense
                fallback={
                  <p class="loading" role="status">
                    {t('page.loading')}
                  </p>
                }
              >
                <SuggestTimes
                  token={props.token}
                  view={props.view}
                  zone={zone()}
                  opened={suggesting()}
                  format={{
                    when: (iso) => dayAndTime(iso, zone(), hourCycle(), intlLocale()),
                    until: (iso) => timeOfDay(iso, zone(), hourCycle(), intlLocale()),
                    zoneName: zoneTag(zone()).slice(1, -1),
                  }}
                  onDone={(next, message) => {
                    setAnnouncement(message ?? t('page.done.availability'));
                    props.onChange(next);
                  }}
                />
              </Suspense>
            </Show>
          </Show>
          <Show when={!loopClosed()}>
            <section class="card" aria-labelledby="decline-title">
              <h2 id="decline-title">{t('page.decline.heading')}</h2>
              <CancelInterview
                token={props.token}
                label={t('page.decline.button')}
                onDone={(next) => changed(next, t('page.done.cancelled'))}
              />
            </section>
          </Show>
        </Match>
        <Match when={(props.view.status === 'SCHEDULED' || props.view.status === 'IN_PROGRESS') && loop.state === 'ready' && loop()}>
          {(booked) => (
            <>
              <Suspense>
                <LoopSessions
                  loop={booked()}
                  zone={zone()}
                  changes={{
                    token: props.token,
                    hrEmail: props.view.hrEmail,
                    onDone: (next) => {
                      follow.ownChange();
                      setLoop(next);
                      setAnnouncement(t('page.done.moved'));
                      props.onStale();
                    },
                  }}
                />
              </Suspense>
              {/* The waitlist for an earlier whole itinerary (docs/adr/0077): taken, every session moves. */}
              <Show when={props.view.status === 'SCHEDULED' && (props.view.canChange || props.view.waitlist || props.view.hold)}>
                <Suspense>
                  <EarlierTime
                    token={props.token}
                    view={props.view}
                    when={(iso) => dayAndTime(iso, zone(), hourCycle(), intlLocale())}
                    onChange={(next, message) => {
                      // Every session moved: the page shows the loop and the view of the change together,
                      // so the stream's word of the later sessions' moves is no news of its own.
                      follow.ownChange();
                      void trpc.candidate.loop
                        .query({ token: props.token })
                        .then(setLoop, () => props.onStale())
                        .finally(() => changed(next, message));
                    }}
                  />
                </Suspense>
              </Show>
              <section class="card" aria-labelledby="cancel-loop-title">
                <h2 id="cancel-loop-title">{t('page.loop.cancelAll')}</h2>
                <CancelInterview token={props.token} label={t('page.loop.cancelAll')} onDone={(next) => changed(next, t('page.done.cancelled'))} />
              </section>
            </>
          )}
        </Match>
        <Match when={props.view.status === 'SCHEDULED' || props.view.status === 'IN_PROGRESS'}>
          <BookedInterview
            view={props.view}
            token={props.token}
            zone={zone()}
            onZoneChange={chooseZone}
            onChange={changed}
            onStale={props.onStale}
          />
        </Match>
      </Switch>
      <Show when={listsOthers()}>
        <Suspense>
          <ApplicationInterviews
            application={application}
            retry={() => void readApplication()}
            zoneName={zoneTag(zone()).slice(1, -1)}
            when={(iso) => dayAndTime(iso, zone(), hourCycle(), intlLocale())}
          />
        </Suspense>
      </Show>
    </PageLiveContext.Provider>
  );
}
