import { For, Show } from 'solid-js';
import type { LoopTemplate } from '../../api/trpc';
import { Data } from '../../i18n/words';
import { FieldError } from '../../ui/field-error';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';

/**
 * What the invitation is for: a single interview (the fields below it), or a loop from one of the
 * templates, whose sessions, pools and layout the template already holds (docs/adr/0041).
 */
export function InviteWhat(props: {
  templates: LoopTemplate[];
  loading: boolean;
  failed: boolean;
  value: string;
  error: string | undefined;
  onChange: (templateId: string) => void;
}) {
  const chosen = () => props.templates.find((t) => t.id === props.value);
  return (
    <div class="field">
      <label for="invite-what">{ht('hr.invite.what')}</label>
      <select
        id="invite-what"
        value={props.value}
        aria-describedby="invite-what-hint invite-templateId-error"
        aria-invalid={props.error !== undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{ht('hr.invite.single')}</option>
        <For each={props.templates}>
          {(template) => <option value={template.id}>{ht('hr.invite.loopOption', { name: template.name, count: template.sessions.length })}</option>}
        </For>
      </select>
      <p class="hint" id="invite-what-hint">
        <Show when={chosen()} fallback={props.loading ? ht('hr.invite.loadingTemplates') : props.failed ? ht('hr.invite.templatesFailed') : ht('hr.invite.whatHint')}>
          {(template) => (
            <HrWords
              message="hr.invite.loopSessions"
              values={{ titles: <Data>{template().sessions.map((s) => s.title).join(', ')}</Data>, position: <Data>{template().position}</Data> }}
            />
          )}
        </Show>
      </p>
      <FieldError id="invite-templateId-error" message={props.error} />
    </div>
  );
}
