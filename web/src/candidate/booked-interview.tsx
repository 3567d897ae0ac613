import { Show, Suspense, createSignal, lazy } from 'solid-js';
import type { BookedSlot, CandidateView } from '../api/trpc';
import { formatRange } from '../time/format';
import { offsetMinutes } from '../time/clock';
import { ZonePicker } from '../ui/zone-picker';
import { InterviewSummary } from './interview-summary';
import { interviewersOf } from './interview-intro';
import { AddToCalendar } from './add-to-calendar';
import { JoinInterview } from './join-interview';
import { ChangeBooking } from './change-booking';
import { ManageLink } from './manage-link';
import { duration, intlLocale, kindTitle, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';

// The waitlist for an earlier time: a chunk of its own, so a first visit downloads none of it.
const EarlierTime = lazy(() => import('./earlier-time').then((m) => ({ default: m.EarlierTime })));

interface BookedInterviewProps {
  view: CandidateView;
  token: string;
  zone: string;
  onZoneChange: (zone: string) => void;
  onChange: (view: CandidateView, message: string) => void;
  onStale: () => void;
}

/** The done page: one card with when and what, the confirmation's address, calendar links, join, change. */
export function BookedInterview(props: BookedInterviewProps) {
  const [changing, setChanging] = createSignal(false);
  const manageUrl = () => `${window.location.origin}/b/${encodeURIComponent(props.token)}`;

  return (
    <>
      <Show when={props.view.slot} fallback={<InterviewSummary view={props.view} heading={t('page.booked.summary')} />}>
        {(slot) => (
          <section class="card booked" aria-labelledby="booked-title">
            <h1 id="booked-title" tabIndex={-1}>
              {props.view.status === 'IN_PROGRESS' ? t('page.booked.now') : t('page.booked.heading')}
            </h1>
            <p class="sent">
              <Words
                message="page.booked.sent"
                values={{
                  email: (
                    <strong translate="no">
                      <bdi>{props.view.candidateEmail}</bdi>
                    </strong>
                  ),
                }}
              />
            </p>
            <Show when={props.view.smsOptIn && props.view.candidatePhone}>
              {(phone) => (
                <p class="sent">
                  <Words
                    message="page.sms.on"
                    values={{
                      phone: (
                        <strong translate="no" dir="ltr">
                          <bdi>{phone()}</bdi>
                        </strong>
                      ),
                    }}
                  />
                </p>
              )}
            </Show>
            <BookedFacts view={props.view} slot={slot()} zone={props.zone} />
            <JoinInterview view={props.view} token={props.token} zone={props.zone} onStale={props.onStale} />
            {/* While rescheduling, the picker below has the page's one zone control. */}
            <Show when={!changing()}>
              <ZonePicker zone={props.zone} onChange={props.onZoneChange} />
              <Show when={props.zone !== props.view.candidateTimezone}>
                <p class="hint">
                  <Words message="page.booked.emailZone" values={{ zone: <Data>{props.view.candidateTimezone.replaceAll('_', ' ')}</Data> }} />
                </p>
              </Show>
              <AddToCalendar view={props.view} slot={slot()} manageUrl={manageUrl()} />
            </Show>
            <ManageLink url={manageUrl()} />
          </section>
        )}
      </Show>
      <Show when={!props.view.loop && props.view.status === 'SCHEDULED' && (props.view.canChange || props.view.waitlist || props.view.hold)}>
        <Suspense>
          <EarlierTime
            token={props.token}
            view={props.view}
            when={(iso) => formatRange(iso, iso, props.zone, intlLocale())}
            onChange={props.onChange}
          />
        </Suspense>
      </Show>
      <ChangeBooking
        view={props.view}
        token={props.token}
        zone={props.zone}
        onZoneChange={props.onZoneChange}
        onChangingTime={setChanging}
        onChange={props.onChange}
        onStale={props.onStale}
      />
    </>
  );
}

function BookedFacts(props: { view: CandidateView; slot: BookedSlot; zone: string }) {
  // The interviewer's clock only where it reads differently from the candidate's.
  const otherClock = () => offsetMinutes(props.slot.interviewerTimezone, new Date(props.slot.start)) !== offsetMinutes(props.zone, new Date(props.slot.start));
  return (
    <dl class="facts">
      <dt>
        <Words message="page.fact.yourTime" values={{ zone: <Data>{props.zone.replaceAll('_', ' ')}</Data> }} />
      </dt>
      <dd class="when">
        <time datetime={props.slot.start}>{formatRange(props.slot.start, props.slot.end, props.zone, intlLocale())}</time>
      </dd>
      <Show when={otherClock()}>
        <dt>
          <Words
            message="page.fact.theirTime"
            values={{ name: <Data>{props.slot.interviewerName}</Data>, zone: <Data>{props.slot.interviewerTimezone.replaceAll('_', ' ')}</Data> }}
          />
        </dt>
        <dd>
          <time datetime={props.slot.start}>{formatRange(props.slot.start, props.slot.end, props.slot.interviewerTimezone, intlLocale())}</time>
        </dd>
      </Show>
      <dt>{t('page.fact.interview')}</dt>
      <dd>
        {kindTitle(props.view.kind, props.view.kindLabel, props.view.kindTitles)} — <Data>{props.view.position}</Data>
      </dd>
      <dt>{t('page.fact.duration')}</dt>
      <dd>{duration(props.view.durationMinutes)}</dd>
      <dt>{t('page.fact.with')}</dt>
      <dd>{interviewersOf(props.view)}</dd>
      <dt>{t('page.fact.meeting')}</dt>
      <dd>
        <Show when={props.view.meetingUrl} fallback={t('page.fact.meetingPending')}>
          {(url) => (
            <a href={url()} target="_blank" rel="noopener noreferrer" translate="no">
              {url()}
            </a>
          )}
        </Show>
      </dd>
      <Show when={props.view.attempt > 1}>
        <dt>{t('page.fact.attempt')}</dt>
        <dd>{props.view.attempt}</dd>
      </Show>
    </dl>
  );
}
