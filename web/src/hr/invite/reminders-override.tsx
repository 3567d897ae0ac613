import { createResource } from 'solid-js';
import type { InterviewKind } from '@portal/shared/kind-titles';
import type { ReminderRule } from '@portal/shared/reminders';
import { trpc } from '../../api/trpc';
import { ReminderScheduleEditor } from '../kinds/reminder-schedule-editor';
import { ht } from '../hr-language';

/** This invitation's own reminder schedule, replacing the kind's; fixed when the invitation is sent. */
export function RemindersOverride(props: {
  kind: InterviewKind;
  value: ReminderRule[] | undefined;
  onChange: (rules: ReminderRule[] | undefined) => void;
  error: (path: string) => string | undefined;
}) {
  const [kinds] = createResource(() => trpc.hr.kinds.list.query());
  const ofKind = () => kinds.latest?.find((k) => k.kind === props.kind)?.reminders ?? [];
  return (
    <details class="field" open={props.value !== undefined}>
      <summary>{ht('hr.reminders.override')}</summary>
      <label class="check">
        <input type="checkbox" checked={props.value !== undefined} onChange={(e) => props.onChange(e.currentTarget.checked ? ofKind() : undefined)} />{' '}
        {ht('hr.reminders.ownSchedule')}
      </label>
      <ReminderScheduleEditor
        idPrefix="invite"
        rules={props.value ?? ofKind()}
        disabled={props.value === undefined}
        onChange={props.onChange}
        error={(path) => props.error(`reminders.${path}`)}
      />
    </details>
  );
}
