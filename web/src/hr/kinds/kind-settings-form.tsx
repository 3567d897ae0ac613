import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { kindSettingsInput, type KindSettingsInput } from '@portal/shared/schemas';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import { trpc } from '../../trpc';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import type { ReminderRule } from '@portal/shared/reminders';
import { ReminderScheduleEditor } from './reminder-schedule-editor';

export interface KindSettings {
  kind: InterviewKind;
  label: string;
  durationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  changeCutoffMinutes: number;
  defaults: { minNoticeMinutes: number; horizonDays: number; changeCutoffMinutes: number };
  reminders: ReminderRule[];
  updatedAt: string | null;
  updatedBy: string | null;
}

type Field = 'minNoticeMinutes' | 'horizonDays' | 'changeCutoffMinutes';
const FIELDS: { key: Field; label: string; unit: string; hint: string }[] = [
  { key: 'minNoticeMinutes', label: 'Minimum notice', unit: 'minutes', hint: 'A time is offered only this long from now, at least (0 for same-day calls).' },
  { key: 'horizonDays', label: 'Booking horizon', unit: 'days', hint: 'Times are offered up to this many days ahead; it must reach past the notice.' },
  { key: 'changeCutoffMinutes', label: 'Change cutoff', unit: 'minutes', hint: 'The candidate may reschedule or cancel until this long before the start.' },
];

/** One kind's notice rules; only admins can save. Interviews already invited keep the rules they were invited under. */
export function KindSettingsForm(props: { settings: KindSettings; editable: boolean; onSaved: () => void }) {
  const [form, setForm] = createStore<Record<Field, number>>({
    minNoticeMinutes: props.settings.minNoticeMinutes,
    horizonDays: props.settings.horizonDays,
    changeCutoffMinutes: props.settings.changeCutoffMinutes,
  });
  const [reminders, setReminders] = createSignal<ReminderRule[]>(props.settings.reminders);
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [saved, setSaved] = createSignal('');
  const save = createMutation((input: KindSettingsInput) => trpc.hr.kinds.update.mutate(input));
  const error = (path: string) => messagesAt({ ...save.problem()?.fieldErrors, ...checkErrors() }, path);
  const id = (key: Field) => `kind-${props.settings.kind}-${key}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const checked = kindSettingsInput.safeParse({ kind: props.settings.kind, ...form, reminders: reminders() });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues));
    if (!checked.success) return;
    if ((await save.run(checked.data)) === undefined) return;
    setSaved(`Saved. New invitations for ${props.settings.label.toLowerCase()}s use these rules; interviews already invited keep theirs.`);
    props.onSaved();
  }

  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby={`kind-${props.settings.kind}-title`}>
      <h2 id={`kind-${props.settings.kind}-title`}>
        {props.settings.label} <span class="row-sub">({props.settings.durationMinutes} min)</span>
      </h2>
      {FIELDS.map((field) => (
        <div class="field">
          <label for={id(field.key)}>
            {field.label} ({field.unit})
          </label>
          <input
            id={id(field.key)}
            type="number"
            min={field.key === 'horizonDays' ? 1 : 0}
            step="1"
            value={form[field.key]}
            disabled={!props.editable}
            aria-invalid={error(field.key) !== undefined}
            aria-describedby={`${id(field.key)}-hint ${id(field.key)}-error`}
            onInput={(e) => setForm(field.key, e.currentTarget.valueAsNumber)}
          />
          <p class="hint" id={`${id(field.key)}-hint`}>
            {field.hint} Default: {props.settings.defaults[field.key]}.
          </p>
          <FieldError id={`${id(field.key)}-error`} message={error(field.key)} />
        </div>
      ))}
      <ReminderScheduleEditor
        idPrefix={`kind-${props.settings.kind}`}
        rules={reminders()}
        disabled={!props.editable}
        onChange={setReminders}
        error={(path) => error(`reminders.${path}`)}
      />
      <p class="row-sub">
        {props.settings.updatedBy ? `Last changed by ${props.settings.updatedBy}.` : "The portal's defaults: not changed yet."}
      </p>
      <ProblemMessage problem={save.problem()?.code === 'BAD_INPUT' ? null : save.problem()} />
      <LiveMessage tone="success" when={saved()}>
        {saved()}
      </LiveMessage>
      <Show when={props.editable}>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? 'Saving…' : 'Save'}
        </button>
      </Show>
    </form>
  );
}
