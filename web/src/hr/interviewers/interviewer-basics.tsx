import type { SetStoreFunction } from 'solid-js/store';
import type { InterviewerDraft } from '../../api/trpc';
import { FieldError } from '../../ui/field-error';
import { messagesAt, type FieldErrors } from '../../ui/field-errors';
import { NumberField } from '../../ui/number-field';
import { ZoneSelect } from '../../ui/zone-select';
import { ht } from '../hr-language';
import { LoadLimits } from './load-limits';

interface InterviewerBasicsProps {
  draft: InterviewerDraft;
  setDraft: SetStoreFunction<InterviewerDraft>;
  errors: FieldErrors;
}

type TextKey = 'name' | 'email';
type NumberKey = 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'maxPerDay';

export function InterviewerBasics(props: InterviewerBasicsProps) {
  const text = (key: TextKey, label: string, type: string) => (
    <div class="field">
      <label for={`interviewer-${key}`}>{label}</label>
      <input
        id={`interviewer-${key}`}
        type={type}
        required
        value={props.draft[key]}
        aria-invalid={messagesAt(props.errors, key) !== undefined}
        aria-describedby={`interviewer-${key}-error`}
        onInput={(e) => props.setDraft(key, e.currentTarget.value)}
      />
      <FieldError id={`interviewer-${key}-error`} message={messagesAt(props.errors, key)} />
    </div>
  );
  const number = (key: NumberKey, label: string, max: number) => (
    <NumberField
      id={`interviewer-${key}`}
      label={label}
      min={key === 'maxPerDay' ? 1 : 0}
      max={max}
      value={props.draft[key]}
      error={messagesAt(props.errors, key)}
      onInput={(input) => props.setDraft(key, input.valueAsNumber)}
    />
  );

  return (
    <section class="card" aria-labelledby="basics-title">
      <h2 id="basics-title">{ht('hr.interviewer.profile')}</h2>
      {text('name', ht('hr.interviewer.name'), 'text')}
      {text('email', ht('hr.interviewer.email'), 'email')}
      <ZoneSelect
        id="interviewer-timezone"
        label={ht('hr.interviewer.zone')}
        value={props.draft.timezone}
        onChange={(zone) => props.setDraft('timezone', zone)}
      />
      <div class="grid-3">
        {number('bufferBeforeMinutes', ht('hr.interviewer.bufferBefore'), 240)}
        {number('bufferAfterMinutes', ht('hr.interviewer.bufferAfter'), 240)}
        {number('maxPerDay', ht('hr.interviewer.maxPerDay'), 24)}
      </div>
      <LoadLimits draft={props.draft} setDraft={props.setDraft} errors={props.errors} />
      <label class="check">
        <input type="checkbox" checked={props.draft.active} onChange={(e) => props.setDraft('active', e.currentTarget.checked)} />
        {ht('hr.interviewer.activeCheck')}
      </label>
    </section>
  );
}
