import { Show } from 'solid-js';
import type { InterviewStatus } from '@portal/shared/status';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';

/**
 * When the interview is, or was. A cancelled interview keeps its old slot on record; it is shown
 * struck through and introduced by "was", so nobody reads it as the time the interview happens.
 * `at` is the slot's start, for the `<time>` element the words are in.
 */
export function SlotWhen(props: { status: InterviewStatus; when: string | null; at?: string | null | undefined }) {
  const time = (when: string) => <time datetime={props.at ?? undefined}>{when}</time>;
  return (
    <Show when={props.when} fallback={ht('hr.slot.notBooked')}>
      {(when) => (
        <Show when={props.status === 'CANCELLED'} fallback={time(when())}>
          <span class="was-slot">
            <HrWords message="hr.slot.was" values={{ when: <s>{time(when())}</s> }} />
          </span>
        </Show>
      )}
    </Show>
  );
}
