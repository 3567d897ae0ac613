import { Show, createSignal } from 'solid-js';
import type { BookedSlot, CandidateView } from '../trpc';
import { formatMinutes, formatRange } from '../time/format';
import { offsetMinutes } from '../time/clock';
import { ZonePicker } from '../ui/zone-picker';
import { InterviewSummary } from './interview-summary';
import { interviewersOf } from './interview-intro';
import { AddToCalendar } from './add-to-calendar';
import { JoinInterview } from './join-interview';
import { ChangeBooking } from './change-booking';
import { ManageLink } from './manage-link';

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
      <Show when={props.view.slot} fallback={<InterviewSummary view={props.view} heading="Your interview" />}>
        {(slot) => (
          <section class="card booked" aria-labelledby="booked-title">
            <h1 id="booked-title" tabIndex={-1}>
              {props.view.status === 'IN_PROGRESS' ? 'Your interview is happening now' : "You're booked"}
            </h1>
            <p class="sent">
              A confirmation was sent to <strong>{props.view.candidateEmail}</strong>.
            </p>
            <BookedFacts view={props.view} slot={slot()} zone={props.zone} />
            <JoinInterview view={props.view} token={props.token} zone={props.zone} onStale={props.onStale} />
            {/* While rescheduling, the picker below has the page's one zone control. */}
            <Show when={!changing()}>
              <ZonePicker zone={props.zone} onChange={props.onZoneChange} />
              <Show when={props.zone !== props.view.candidateTimezone}>
                <p class="hint">Your emails show times in {props.view.candidateTimezone.replaceAll('_', ' ')}, the zone you booked in.</p>
              </Show>
              <AddToCalendar view={props.view} slot={slot()} manageUrl={manageUrl()} />
            </Show>
            <ManageLink url={manageUrl()} />
          </section>
        )}
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
      <dt>Your time ({props.zone.replaceAll('_', ' ')})</dt>
      <dd class="when">{formatRange(props.slot.start, props.slot.end, props.zone)}</dd>
      <Show when={otherClock()}>
        <dt>
          {props.slot.interviewerName}'s time ({props.slot.interviewerTimezone.replaceAll('_', ' ')})
        </dt>
        <dd>{formatRange(props.slot.start, props.slot.end, props.slot.interviewerTimezone)}</dd>
      </Show>
      <dt>Interview</dt>
      <dd>
        {props.view.kindLabel} — {props.view.position}
      </dd>
      <dt>Duration</dt>
      <dd>{formatMinutes(props.view.durationMinutes)}</dd>
      <dt>With</dt>
      <dd>{interviewersOf(props.view)}</dd>
      <Show when={props.view.attempt > 1}>
        <dt>Attempt</dt>
        <dd>{props.view.attempt}</dd>
      </Show>
    </dl>
  );
}
