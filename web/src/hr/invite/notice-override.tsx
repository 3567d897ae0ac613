import { For, createResource } from 'solid-js';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import type { NoticeRules } from '@portal/shared/notice';
import { trpc } from '../../trpc';
import { FieldError } from '../../ui/field-error';

type Field = keyof NoticeRules;
const FIELDS: { key: Field; label: string }[] = [
  { key: 'minNoticeMinutes', label: 'Minimum notice (minutes)' },
  { key: 'horizonDays', label: 'Booking horizon (days)' },
  { key: 'changeCutoffMinutes', label: 'Change cutoff (minutes)' },
];

/**
 * This invitation's own notice rules, each left blank to take the kind's (shown as the placeholder).
 * They are fixed when the invitation is sent.
 */
export function NoticeOverride(props: {
  kind: InterviewKind;
  value: Partial<NoticeRules>;
  onChange: (key: Field, value: number | undefined) => void;
  error: (path: string) => string | undefined;
}) {
  const [kinds] = createResource(() => trpc.hr.kinds.list.query());
  const ofKind = () => kinds.latest?.find((k) => k.kind === props.kind);
  return (
    <details class="field" open={Object.values(props.value).some((v) => v !== undefined)}>
      <summary>Notice for this invitation</summary>
      <p class="hint">Blank: the kind's setting. Set here, it applies to this interview only.</p>
      <For each={FIELDS}>
        {(field) => {
          const id = `invite-notice-${field.key}`;
          return (
            <div class="field">
              <label for={id}>{field.label}</label>
              <input
                id={id}
                type="number"
                min={field.key === 'horizonDays' ? 1 : 0}
                step="1"
                placeholder={String(ofKind()?.[field.key] ?? '')}
                value={props.value[field.key] ?? ''}
                aria-invalid={props.error(`notice.${field.key}`) !== undefined}
                aria-describedby={`${id}-error`}
                onInput={(e) => props.onChange(field.key, e.currentTarget.value === '' ? undefined : e.currentTarget.valueAsNumber)}
              />
              <FieldError id={`${id}-error`} message={props.error(`notice.${field.key}`)} />
            </div>
          );
        }}
      </For>
    </details>
  );
}
