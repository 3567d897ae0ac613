import { Show } from 'solid-js';
import type { InterviewStatus } from '@portal/shared/status';

/**
 * When the interview is, or was. A cancelled interview keeps its old slot on record; it is shown
 * struck through and introduced by "was", so nobody reads it as the time the interview happens.
 */
export function SlotWhen(props: { status: InterviewStatus; when: string | null }) {
  return (
    <Show when={props.when} fallback="Not booked">
      {(when) => (
        <Show when={props.status === 'CANCELLED'} fallback={when()}>
          <span class="was-slot">
            Cancelled, was <s>{when()}</s>
          </span>
        </Show>
      )}
    </Show>
  );
}
