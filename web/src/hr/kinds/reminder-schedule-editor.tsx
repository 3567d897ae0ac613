import { For, Show } from 'solid-js';
import { REMINDER_CHANNELS, REMINDER_LIMITS, type ReminderChannel, type ReminderRule } from '@portal/shared/reminders';
import { FieldError } from '../../ui/field-error';
import { ht } from '../hr-language';

const channelLabel = (channel: ReminderChannel) => ht(`hr.reminders.channel.${channel}`);

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
      <legend>{ht('hr.reminders.legend')}</legend>
      <Show when={props.rules.length === 0}>
        <p class="hint">{ht('hr.reminders.none')}</p>
      </Show>
      <For each={props.rules}>
        {(rule, index) => {
          const id = () => `${props.idPrefix}-reminder-${index()}`;
          return (
            <div class="range">
              <div class="field inline">
                <label for={`${id()}-offset`}>{ht('hr.reminders.minutesBefore')}</label>
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
                <label for={`${id()}-channel`}>{ht('hr.reminders.channel')}</label>
                <select id={`${id()}-channel`} value={rule.channel} disabled={props.disabled} onChange={(e) => update(index(), { channel: e.currentTarget.value as ReminderChannel })}>
                  <For each={REMINDER_CHANNELS}>{(channel) => <option value={channel}>{channelLabel(channel)}</option>}</For>
                </select>
              </div>
              <Show when={!props.disabled}>
                <button type="button" onClick={() => props.onChange(props.rules.filter((_, i) => i !== index()))}>
                  {ht('hr.reminders.remove')}
                  <span class="visually-hidden">{ht('hr.reminders.removeWhich', { minutes: rule.offsetMinutes, channel: channelLabel(rule.channel) })}</span>
                </button>
              </Show>
              <FieldError id={`${id()}-error`} message={props.error(`${index()}.offsetMinutes`) ?? props.error(`${index()}.channel`)} />
            </div>
          );
        }}
      </For>
      <Show when={!props.disabled && props.rules.length < REMINDER_LIMITS.maxRules}>
        <button type="button" onClick={() => props.onChange([...props.rules, { offsetMinutes: 60, channel: 'sms' }])}>
          {ht('hr.reminders.add')}
        </button>
      </Show>
      <p class="hint">{ht('hr.reminders.smsHint')}</p>
    </fieldset>
  );
}
