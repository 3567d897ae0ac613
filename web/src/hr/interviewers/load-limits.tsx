import type { SetStoreFunction } from 'solid-js/store';
import type { InterviewerDraft } from '../../trpc';
import { FieldError } from '../../ui/field-error';
import { messagesAt, type FieldErrors } from '../../ui/field-errors';
import { ht } from '../hr-language';

type LimitKey = 'weeklyLimit' | 'monthlyLimit';

/**
 * Interviews a week and a month beside the daily cap (docs/adr/0032). Optional: an empty field is
 * no limit (null), so clearing it is how HR lifts one. Bookings past a limit are refused by the
 * claim, and listing stops offering the weeks and months a member has filled.
 */
export function LoadLimits(props: { draft: InterviewerDraft; setDraft: SetStoreFunction<InterviewerDraft>; errors: FieldErrors }) {
  const limit = (key: LimitKey, label: string, max: number) => (
    <div class="field">
      <label for={`interviewer-${key}`}>{label}</label>
      <input
        id={`interviewer-${key}`}
        type="number"
        inputmode="numeric"
        min={1}
        max={max}
        step="1"
        value={props.draft[key] ?? ''}
        aria-invalid={messagesAt(props.errors, key) !== undefined}
        aria-describedby={`interviewer-${key}-hint interviewer-${key}-error`}
        onInput={(e) => props.setDraft(key, e.currentTarget.value.trim() === '' ? null : e.currentTarget.valueAsNumber)}
      />
      <p class="hint" id={`interviewer-${key}-hint`}>
        {ht('hr.interviewer.noLimitHint')}
      </p>
      <FieldError id={`interviewer-${key}-error`} message={messagesAt(props.errors, key)} />
    </div>
  );
  return (
    <div class="grid-3">
      {limit('weeklyLimit', ht('hr.interviewer.weeklyLimit'), 100)}
      {limit('monthlyLimit', ht('hr.interviewer.monthlyLimit'), 400)}
    </div>
  );
}
