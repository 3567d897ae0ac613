import { Match, Show, Switch } from 'solid-js';
import type { CandidateView } from '../trpc';

/** The tab's title for a closed interview, matching its heading. */
export function closedTitle(view: CandidateView): string {
  if (view.status === 'CANCELLED') return 'Interview cancelled';
  if (view.status === 'EXPIRED') return 'Invitation expired';
  if (view.status === 'COMPLETED' || view.status === 'NO_SHOW') return 'Interview ended';
  return 'Interview replaced';
}

/** Every status in which there is nothing left to do on this link. */
export function ClosedInterview(props: { view: CandidateView }) {
  const contact = () => <a href={`mailto:${props.view.hrEmail}`}>{props.view.hrEmail}</a>;
  return (
    <section class="card end-page" aria-labelledby="closed-title">
      <Switch
        fallback={
          <>
            <h1 id="closed-title">This interview was replaced</h1>
            <p>This interview was replaced by a newer one; use the link in your latest email.</p>
          </>
        }
      >
        <Match when={props.view.status === 'CANCELLED'}>
          <h1 id="closed-title" tabIndex={-1}>
            Your interview is cancelled
          </h1>
          <p>
            {props.view.position} — {props.view.kindLabel}. Nothing more is needed from you.
          </p>
          <Show when={props.view.cancelReason}>
            {(reason) => <p class="quote">Reason given: {reason()}</p>}
          </Show>
          <p>If you'd like to find another time, contact {contact()}.</p>
        </Match>
        <Match when={props.view.status === 'EXPIRED'}>
          <h1 id="closed-title">This invitation has expired</h1>
          <p>No time was booked before the invitation ran out. If you're still interested, contact {contact()}.</p>
        </Match>
        <Match when={props.view.status === 'COMPLETED' || props.view.status === 'NO_SHOW'}>
          <h1 id="closed-title">Thank you, {props.view.candidateName}</h1>
          <Show
            when={props.view.status === 'COMPLETED'}
            fallback={<p>This interview has ended. If something stopped you from joining, contact {contact()}.</p>}
          >
            <p>Thanks for your time. We'll be in touch by email about the next steps.</p>
          </Show>
          <p>Questions? Contact {contact()}.</p>
        </Match>
      </Switch>
    </section>
  );
}
