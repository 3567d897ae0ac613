import { For, Show } from 'solid-js';
import { REMINDER_CHANNELS, REMINDER_LIMITS, type ReminderChannel, type ReminderRule } from '@portal/shared/reminders';
import { FieldError } from '../../ui/field-error';

const CHANNEL_LABELS: Record<ReminderChannel, string> = { email: 'Email', sms: 'Text message (SMS)' };

/**
 * Which reminders go out, how long before the start, and by which channel; a text reaches only a
 * candidate who opted in on their page (docs/adr/0027). `idPrefix` keeps two editors on a page apart.
 */
export function ReminderScheduleEditor(props: {
  idPrefix: string;
  rules: ReminderRule[];
  disabled?: boolean;
  onChange: (rules: ReminderRule[]) => void;
  /** Errors by path below the schedule (`0.offsetMinutes`). */
  error: (path: string) => string | undefined;
}) {
  const update = (index: number, change: Partial<ReminderRule>) => props.onChange(props.rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));
  return (
    <fieldset class="reminder-schedule">
      <legend>Reminders to the candidate</legend>
      <Show when={props.rules.length === 0}>
        <p class="hint">No reminders.</p>
      </Show>
      <For each={props.rules}>
        {(rule, index) => {
          const id = () => `${props.idPrefix}-reminder-${index()}`;
          return (
            <div class="range">
              <div class="field inline">
                <label for={`${id()}-offset`}>Minutes before</label>
                <input
                  id={`${id()}-offset`}
                  type="number"
                  min="1"
                  step="1"
                  value={rule.offsetMinutes}
                  disabled={props.disabled}
                  aria-invalid={props.error(`${index()}.offsetMinutes`) !== undefined}
                  aria-describedby={`${id()}-error`}
                  onInput={(e) => update(index(), { offsetMinutes: e.currentTarget.valueAsNumber })}
                />
              </div>
              <div class="field inline">
                <label for={`${id()}-channel`}>Channel</label>
                <select id={`${id()}-channel`} value={rule.channel} disabled={props.disabled} onChange={(e) => update(index(), { channel: e.currentTarget.value as ReminderChannel })}>
                  <For each={REMINDER_CHANNELS}>{(channel) => <option value={channel}>{CHANNEL_LABELS[channel]}</option>}</For>
                </select>
              </div>
              <Show when={!props.disabled}>
                <button type="button" onClick={() => props.onChange(props.rules.filter((_, i) => i !== index()))}>
                  Remove<span class="visually-hidden"> the reminder {rule.offsetMinutes} minutes before by {CHANNEL_LABELS[rule.channel]}</span>
                </button>
              </Show>
              <FieldError id={`${id()}-error`} message={props.error(`${index()}.offsetMinutes`) ?? props.error(`${index()}.channel`)} />
            </div>
          );
        }}
      </For>
      <Show when={!props.disabled && props.rules.length < REMINDER_LIMITS.maxRules}>
        <button type="button" onClick={() => props.onChange([...props.rules, { offsetMinutes: 60, channel: 'sms' }])}>
          Add a reminder
        </button>
      </Show>
      <p class="hint">A text goes only to a candidate who gave a mobile number and opted in on their page.</p>
    </fieldset>
  );
}
