import { Match, Show, Switch, createSignal } from 'solid-js';
import type { CandidateView } from '../api/trpc';
import { SlotPicker } from './slot-picker';
import { CancelInterview } from './cancel-interview';
import { duration, t } from '../i18n/page-language';
import { Words } from '../i18n/words';

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
        <h2 id="change-title">{t('page.change.heading')}</h2>
        <Switch>
          <Match when={props.view.changeBlockedReason === 'LIMIT'}>
            <p class="notice notice-info">{t('page.change.limit', { limit: props.view.rescheduleLimit })}</p>
          </Match>
          <Match when={props.view.changeBlockedReason === 'CUTOFF'}>
            <p class="notice notice-info">
              <Words
                message="page.change.tooLate"
                values={{
                  duration: duration(props.view.changeCutoffMinutes),
                  email: (
                    <a href={`mailto:${props.view.hrEmail}`} translate="no">
                      <bdi>{props.view.hrEmail}</bdi>
                    </a>
                  ),
                }}
              />
            </p>
          </Match>
          <Match when={props.view.canChange}>
            <p class="hint">{t('page.change.left', { left: left(), duration: duration(props.view.changeCutoffMinutes) })}</p>
            <button type="button" aria-expanded={rescheduling()} onClick={() => toggle(!rescheduling())}>
              {rescheduling() ? t('page.change.keep') : t('page.change.reschedule')}
            </button>
          </Match>
        </Switch>
        <Show when={props.view.changeBlockedReason !== 'CUTOFF'}>
          <CancelInterview
            token={props.token}
            label={t('page.cancel.button')}
            onDone={(next) => props.onChange(next, t('page.done.cancelled'))}
          />
        </Show>
      </section>
      <Show when={rescheduling() && props.view.canChange}>
        <SlotPicker
          token={props.token}
          mode="reschedule"
          focusOnOpen
          texts={{ phone: props.view.candidatePhone, sms: props.view.smsOptIn }}
          zone={props.zone}
          onZoneChange={props.onZoneChange}
          hrEmail={props.view.hrEmail}
          onDone={(next) => {
            toggle(false);
            props.onChange(next, t('page.done.moved'));
          }}
          onStale={props.onStale}
        />
      </Show>
    </Show>
  );
}
