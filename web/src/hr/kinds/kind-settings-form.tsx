import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { kindSettingsInput, type KindSettingsInput } from '@portal/shared/schemas';
import type { InterviewKind, LocalisedText } from '@portal/shared/kind-titles';
import { MEETING_PROVIDERS, type MeetingProvider } from '@portal/shared/meeting-rooms';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { NumberField } from '../../ui/number-field';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { hrFieldWords, ht } from '../hr-language';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { kindTitle } from '../../i18n/page-language';
import type { ReminderRule } from '@portal/shared/reminders';
import { ReminderScheduleEditor } from './reminder-schedule-editor';

export interface KindSettings {
  kind: InterviewKind;
  label: string;
  titles: LocalisedText;
  durationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  changeCutoffMinutes: number;
  meetingProvider: MeetingProvider;
  defaults: { minNoticeMinutes: number; horizonDays: number; changeCutoffMinutes: number };
  reminders: ReminderRule[];
  updatedAt: string | null;
  updatedBy: string | null;
}

type Field = 'minNoticeMinutes' | 'horizonDays' | 'changeCutoffMinutes';
const FIELDS: { key: Field; label: HrMessageKey; unit: HrMessageKey; hint: HrMessageKey }[] = [
  { key: 'minNoticeMinutes', label: 'hr.invite.minNotice', unit: 'hr.kinds.minutes', hint: 'hr.kinds.minNoticeHint' },
  { key: 'horizonDays', label: 'hr.invite.horizon', unit: 'hr.kinds.days', hint: 'hr.kinds.horizonHint' },
  { key: 'changeCutoffMinutes', label: 'hr.invite.cutoff', unit: 'hr.kinds.minutes', hint: 'hr.kinds.cutoffHint' },
];

/** One kind's notice rules; only admins can save. Interviews already invited keep the rules they were invited under. */
export function KindSettingsForm(props: { settings: KindSettings; editable: boolean; onSaved: () => void }) {
  const [form, setForm] = createStore<Record<Field, number> & { meetingProvider: MeetingProvider }>({
    minNoticeMinutes: props.settings.minNoticeMinutes,
    horizonDays: props.settings.horizonDays,
    changeCutoffMinutes: props.settings.changeCutoffMinutes,
    meetingProvider: props.settings.meetingProvider,
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
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return;
    if ((await save.run(checked.data)) === undefined) return;
    setSaved(ht('hr.kinds.saved'));
    props.onSaved();
  }

  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby={`kind-${props.settings.kind}-title`}>
      <h2 id={`kind-${props.settings.kind}-title`}>
        <Data>{kindTitle(props.settings.kind, props.settings.label, props.settings.titles)}</Data> <span class="row-sub">{ht('hr.kinds.duration', { minutes: props.settings.durationMinutes })}</span>
      </h2>
      {FIELDS.map((field) => (
        <NumberField
          id={id(field.key)}
          label={ht('hr.kinds.fieldLabel', { label: ht(field.label), unit: ht(field.unit) })}
          min={field.key === 'horizonDays' ? 1 : 0}
          value={form[field.key]}
          disabled={!props.editable}
          hint={`${ht(field.hint)} ${ht('hr.kinds.default', { value: props.settings.defaults[field.key] })}`}
          error={error(field.key)}
          onInput={(input) => setForm(field.key, input.valueAsNumber)}
        />
      ))}
      <div class="field">
        <label for={`kind-${props.settings.kind}-meetingProvider`}>{ht('hr.kinds.meetingLink')}</label>
        <select
          id={`kind-${props.settings.kind}-meetingProvider`}
          value={form.meetingProvider}
          disabled={!props.editable}
          aria-describedby={`kind-${props.settings.kind}-meetingProvider-hint`}
          onChange={(e) => setForm('meetingProvider', e.currentTarget.value as MeetingProvider)}
        >
          {MEETING_PROVIDERS.map((provider) => (
            <option value={provider}>{ht(`hr.kinds.provider.${provider}`)}</option>
          ))}
        </select>
        <p class="hint" id={`kind-${props.settings.kind}-meetingProvider-hint`}>
          {ht('hr.kinds.meetingLinkHint')}
        </p>
      </div>
      <ReminderScheduleEditor
        idPrefix={`kind-${props.settings.kind}`}
        rules={reminders()}
        disabled={!props.editable}
        onChange={setReminders}
        error={(path) => error(`reminders.${path}`)}
      />
      <p class="row-sub">
        {props.settings.updatedBy ? (
          <HrWords message="hr.kinds.changedBy" values={{ who: <Data>{props.settings.updatedBy}</Data> }} />
        ) : (
          ht('hr.kinds.unchanged')
        )}
      </p>
      <ProblemMessage problem={save.problem()?.code === 'BAD_INPUT' ? null : save.problem()} />
      <LiveMessage tone="success" when={saved()}>
        {saved()}
      </LiveMessage>
      <Show when={props.editable}>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? ht('hr.kinds.saving') : ht('hr.kinds.save')}
        </button>
      </Show>
    </form>
  );
}
