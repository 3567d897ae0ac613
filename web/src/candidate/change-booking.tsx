import { Match, Show, Switch, createSignal } from 'solid-js';
import type { CandidateView } from '../trpc';
import { formatMinutes } from '../time/format';
import { SlotPicker } from './slot-picker';
import { CancelInterview } from './cancel-interview';

interface ChangeBookingProps {
  view: CandidateView;
  token: string;
  zone: string;
  onZoneChange: (zone: string) => void;
  onChangingTime: (changing: boolean) => void;
  onChange: (view: CandidateView, message: string) => void;
  onStale: () => void;
}

/** Reschedule and cancel, or the plain reason why the booking can no longer be changed. */
export function ChangeBooking(props: ChangeBookingProps) {
  const [rescheduling, setRescheduling] = createSignal(false);
  const left = () => props.view.rescheduleLimit - props.view.rescheduleCount;
  const toggle = (on: boolean) => {
    setRescheduling(on);
    props.onChangingTime(on);
  };

  return (
    <Show when={props.view.status === 'SCHEDULED'}>
      <section class="card" aria-labelledby="change-title">
        <h2 id="change-title">Change or cancel</h2>
        <Switch>
          <Match when={props.view.changeBlockedReason === 'LIMIT'}>
            <p class="notice notice-info">You've reached the reschedule limit ({props.view.rescheduleLimit}).</p>
          </Match>
          <Match when={props.view.changeBlockedReason === 'CUTOFF'}>
            <p class="notice notice-info">
              It's too late to change — less than {formatMinutes(props.view.changeCutoffMinutes)} to go; contact{' '}
              <a href={`mailto:${props.view.hrEmail}`}>{props.view.hrEmail}</a>
            </p>
          </Match>
          <Match when={props.view.canChange}>
            <p class="hint">
              You can move this interview {left() === 1 ? 'once more' : `${left()} more times`}, up to{' '}
              {formatMinutes(props.view.changeCutoffMinutes)} before it starts.
            </p>
            <button type="button" aria-expanded={rescheduling()} onClick={() => toggle(!rescheduling())}>
              {rescheduling() ? 'Keep my current time' : 'Reschedule'}
            </button>
          </Match>
        </Switch>
        <Show when={props.view.changeBlockedReason !== 'CUTOFF'}>
          <CancelInterview
            token={props.token}
            label="Cancel interview"
            onDone={(next) => props.onChange(next, 'Your interview is cancelled.')}
          />
        </Show>
      </section>
      <Show when={rescheduling() && props.view.canChange}>
        <SlotPicker
          token={props.token}
          mode="reschedule"
          focusOnOpen
          zone={props.zone}
          onZoneChange={props.onZoneChange}
          hrEmail={props.view.hrEmail}
          onDone={(next) => {
            toggle(false);
            props.onChange(next, 'Your interview has been moved.');
          }}
          onStale={props.onStale}
        />
      </Show>
    </Show>
  );
}
