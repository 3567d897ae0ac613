import { Show, createSignal } from 'solid-js';
import type { BookedSlot, CandidateView } from '../trpc';
import { formatRange } from '../time/format';
import { ZoneSelect } from '../ui/zone-select';
import { InterviewSummary } from './interview-summary';
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

/** The done page: when it is, in both zones, how to add it to a calendar, join, and change it. */
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
            <BookedTimes slot={slot()} zone={props.zone} />
            <JoinInterview view={props.view} token={props.token} zone={props.zone} onStale={props.onStale} />
            <Show when={!changing()}>
              <AddToCalendar view={props.view} slot={slot()} manageUrl={manageUrl()} />
            </Show>
            <ManageLink url={manageUrl()} />
            <ZoneSelect label="Show times in" value={props.zone} onChange={props.onZoneChange} />
          </section>
        )}
      </Show>
      <Show when={props.view.slot !== null}>
        <InterviewSummary view={props.view} heading="Interview details" level={2} />
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

function BookedTimes(props: { slot: BookedSlot; zone: string }) {
  return (
    <dl class="facts">
      <dt>Your time ({props.zone.replaceAll('_', ' ')})</dt>
      <dd class="when">{formatRange(props.slot.start, props.slot.end, props.zone)}</dd>
      <dt>
        {props.slot.interviewerName}'s time ({props.slot.interviewerTimezone.replaceAll('_', ' ')})
      </dt>
      <dd>{formatRange(props.slot.start, props.slot.end, props.slot.interviewerTimezone)}</dd>
    </dl>
  );
}
