import type { SetStoreFunction } from 'solid-js/store';
import type { InterviewerDraft } from '../../api/trpc';
import { messagesAt, type FieldErrors } from '../../ui/field-errors';
import { NumberField } from '../../ui/number-field';
import { ht } from '../hr-language';

type LimitKey = 'weeklyLimit' | 'monthlyLimit';

/**
 * Interviews a week and a month beside the daily cap (docs/adr/0032). Optional: an empty field is
 * no limit (null), so clearing it is how HR lifts one. Bookings past a limit are refused by the
 * claim, and listing stops offering the weeks and months a member has filled.
 */
export function LoadLimits(props: { draft: InterviewerDraft; setDraft: SetStoreFunction<InterviewerDraft>; errors: FieldErrors }) {
  const limit = (key: LimitKey, label: string, max: number) => (
    <NumberField
      id={`interviewer-${key}`}
      label={label}
      min={1}
      max={max}
      value={props.draft[key] ?? ''}
      hint={ht('hr.interviewer.noLimitHint')}
      error={messagesAt(props.errors, key)}
      onInput={(input) => props.setDraft(key, input.value.trim() === '' ? null : input.valueAsNumber)}
    />
  );
  return (
    <div class="grid-3">
      {limit('weeklyLimit', ht('hr.interviewer.weeklyLimit'), 100)}
      {limit('monthlyLimit', ht('hr.interviewer.monthlyLimit'), 400)}
    </div>
  );
}
