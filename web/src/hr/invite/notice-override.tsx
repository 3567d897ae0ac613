import { For, createResource } from 'solid-js';
import type { InterviewKind } from '@portal/shared/kind-titles';
import type { NoticeRules } from '@portal/shared/notice';
import { trpc } from '../../api/trpc';
import { FieldError } from '../../ui/field-error';
import { ht } from '../hr-language';

type Field = keyof NoticeRules;
const FIELDS: Field[] = ['minNoticeMinutes', 'horizonDays', 'changeCutoffMinutes'];

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
      <summary>{ht('hr.notice.title')}</summary>
      <p class="hint">{ht('hr.notice.hint')}</p>
      <For each={FIELDS}>
        {(key) => {
          const field = { key, label: ht(`hr.notice.${key}`) };
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
