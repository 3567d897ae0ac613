import { Index, Show, createResource, createSignal } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { loopTemplateInput } from '@portal/shared/loop-inputs';
import type { LoopRules } from '@portal/shared/loops';
import { trpc, type Interviewer, type LoopTemplateDraft } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { ProblemMessage } from '../problem-message';
import { hrFieldWords, ht } from '../hr-language';
import { NumberField } from '../../ui/number-field';
import { TemplateSessionFields } from './template-session-fields';
import { blankSession, inputOf, poolProblems, type TemplateDraft } from './template-draft';

const MAX_SESSIONS = 6;
type NumberRule = Exclude<keyof LoopRules, 'order'>;
const RULE_FIELDS: { key: NumberRule; label: 'hr.templates.minBreak' | 'hr.templates.maxBreak' | 'hr.templates.days' | 'hr.templates.perDay'; min: number }[] = [
  { key: 'minBreakMinutes', label: 'hr.templates.minBreak', min: 0 },
  { key: 'maxBreakMinutes', label: 'hr.templates.maxBreak', min: 0 },
  { key: 'days', label: 'hr.templates.days', min: 1 },
  { key: 'maxSessionsPerDay', label: 'hr.templates.perDay', min: 1 },
];

/** The layout rules' own refusals (`loopRulesProblem`, in the schema's English) in the console's words. */
function inWords<T extends { code: string; path: PropertyKey[]; message: string }>(issue: T): T {
  if (issue.code !== 'custom') return issue;
  const field = issue.path.join('.');
  if (field === 'rules.maxBreakMinutes') return { ...issue, message: ht('hr.templates.maxUnderMin') };
  if (field === 'rules.maxSessionsPerDay') return { ...issue, message: ht('hr.templates.tooMany') };
  return issue;
}

/** Creates or edits a loop template: checked here field by field with the server's own schema, then saved. */
export function LoopTemplateForm(props: { initial: TemplateDraft; interviewers: Interviewer[]; onSaved: () => void; onClose: () => void }) {
  const [draft, setDraft] = createStore<TemplateDraft>(structuredClone(props.initial));
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const save = createMutation((input: LoopTemplateDraft) => trpc.hr.loops.saveTemplate.mutate(input));
  const error = (path: string) => messagesAt({ ...save.problem()?.fieldErrors, ...checkErrors() }, path);
  const editing = draft.id !== undefined;
  const [kinds] = createResource(() => trpc.hr.kinds.list.query());
  const kindList = () => (kinds.state === 'ready' ? kinds.latest : []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const checked = loopTemplateInput.safeParse(inputOf(draft));
    const errors = checked.success ? {} : fieldErrorsFromIssues(checked.error.issues.map(inWords), hrFieldWords());
    for (const { path, size } of poolProblems(draft, (kind) => kindList().find((k) => k.kind === kind)?.panelSize ?? 1)) (errors[path] ??= []).push(ht('hr.templates.poolTooSmall', { size }));
    setCheckErrors(errors);
    if (!checked.success || Object.keys(errors).length > 0) {
      document.querySelector<HTMLElement>('.template-form [aria-invalid="true"]')?.focus();
      return;
    }
    if ((await save.run(checked.data)) !== undefined) props.onSaved();
  }

  return (
    <form class="card template-form" onSubmit={submit} novalidate aria-labelledby="template-form-title">
      <h2 id="template-form-title">{editing ? ht('hr.templates.formEdit') : ht('hr.templates.formNew')}</h2>
      <div class="field">
        <label for="tpl-name">{ht('hr.templates.name')}</label>
        <input id="tpl-name" type="text" maxLength={120} value={draft.name} aria-invalid={error('name') !== undefined} aria-describedby="tpl-name-error" onInput={(e) => setDraft('name', e.currentTarget.value)} />
        <FieldError id="tpl-name-error" message={error('name')} />
      </div>
      <div class="field">
        <label for="tpl-position">{ht('hr.templates.position')}</label>
        <input id="tpl-position" type="text" maxLength={120} value={draft.position} aria-invalid={error('position') !== undefined} aria-describedby="tpl-position-error" onInput={(e) => setDraft('position', e.currentTarget.value)} />
        <FieldError id="tpl-position-error" message={error('position')} />
      </div>
      <h3>{ht('hr.templates.sessions')}</h3>
      <Index each={draft.sessions}>
        {(session, i) => (
          <TemplateSessionFields
            index={i}
            session={session()}
            interviewers={props.interviewers}
            kinds={kindList()}
            canRemove={draft.sessions.length > 2}
            error={(field) => error(`sessions.${i}.${field}`)}
            onChange={(change) => setDraft('sessions', i, change)}
            onRemove={() => setDraft('sessions', (all) => all.filter((_, at) => at !== i))}
          />
        )}
      </Index>
      <button type="button" disabled={draft.sessions.length >= MAX_SESSIONS} onClick={() => setDraft(produce((d) => void d.sessions.push(blankSession())))}>
        {ht('hr.templates.addSession')}
      </button>
      <fieldset class="card">
        <legend>{ht('hr.templates.rules')}</legend>
        <div class="field">
          <label for="tpl-order">{ht('hr.templates.order')}</label>
          <select id="tpl-order" value={draft.rules.order} onChange={(e) => setDraft('rules', 'order', e.currentTarget.value as LoopRules['order'])}>
            <option value="fixed">{ht('hr.templates.orderFixed')}</option>
            <option value="free">{ht('hr.templates.orderFree')}</option>
          </select>
        </div>
        {RULE_FIELDS.map((field) => (
          <NumberField
            id={`tpl-${field.key}`}
            label={ht(field.label)}
            value={draft.rules[field.key]}
            min={field.min}
            error={error(`rules.${field.key}`)}
            onInput={(input) => setDraft('rules', field.key, input.valueAsNumber)}
          />
        ))}
      </fieldset>
      <Show when={Object.keys(save.problem()?.fieldErrors ?? {}).length === 0}>
        <ProblemMessage problem={save.problem()} />
      </Show>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? ht('hr.templates.saving') : ht('hr.templates.save')}
        </button>
        <button type="button" onClick={() => props.onClose()}>
          {ht('hr.templates.close')}
        </button>
      </div>
    </form>
  );
}
