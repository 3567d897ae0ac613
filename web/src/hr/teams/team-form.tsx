import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { teamCreateInput, type TeamCreateInput, type TeamView } from '@portal/shared/team-inputs';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { InputField } from '../../ui/input-field';
import { asSentence, fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';
import { ProblemMessage } from '../problem-message';
import { hrFieldWords, ht } from '../hr-language';
import { teamDraftOf, teamInputFrom } from './team-draft';

/** The fields this form shows a refusal beside; a refusal naming none of them is said under the form. */
const FIELDS = ['id', 'name', 'branding.logoUrl', 'branding.colour'];

interface TeamFormProps {
  /** The team to edit; none: a new team, whose id is chosen here. */
  team?: TeamView;
  onSaved: (team: TeamView) => void;
  onClose?: () => void;
}

/** A team's name and branding (the candidate page's header shows them); for a new team, its id too. */
export function TeamForm(props: TeamFormProps) {
  const editing = props.team;
  const prefix = editing === undefined ? 'new-team' : `team-${editing.id}`;
  const [form, setForm] = createStore(teamDraftOf(editing));
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const save = createMutation((input: TeamCreateInput) => (editing === undefined ? trpc.hr.teams.create.mutate(input) : trpc.hr.teams.update.mutate(input)));
  const errors = () => ({ ...save.problem()?.fieldErrors, ...checkErrors() });
  const error = (path: string) => asSentence(messagesAt(errors(), path));
  const unplaced = () => {
    const problem = save.problem();
    return problem !== null && !Object.keys(problem.fieldErrors).some((field) => FIELDS.includes(field)) ? problem : null;
  };
  const submitText = () => {
    if (editing === undefined) return save.pending() ? ht('hr.teams.adding') : ht('hr.teams.addButton');
    return save.pending() ? ht('hr.teams.saving') : ht('hr.teams.save');
  };
  let formElement: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    save.clear();
    const checked = teamCreateInput.safeParse(teamInputFrom(editing === undefined ? form : { ...form, id: editing.id }));
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    const team = checked.success ? await save.run(checked.data) : undefined;
    if (team === undefined) {
      queueMicrotask(() => focusFirstInvalid(formElement));
      return;
    }
    if (editing === undefined) setForm(teamDraftOf());
    props.onSaved(team);
  }

  return (
    <form onSubmit={submit} novalidate ref={formElement} aria-label={editing === undefined ? ht('hr.teams.add') : ht('hr.teams.edit', { name: editing.name })}>
      <Show when={editing === undefined}>
        <InputField
          id={`${prefix}-id`}
          label={ht('hr.teams.id')}
          type="text"
          autocomplete="off"
          spellcheck={false}
          translate="no"
          maxLength={40}
          value={form.id}
          hint={ht('hr.teams.idHint')}
          error={error('id')}
          onInput={(input) => setForm('id', input.value)}
        />
      </Show>
      <InputField id={`${prefix}-name`} label={ht('hr.teams.name')} type="text" maxLength={120} value={form.name} error={error('name')} onInput={(input) => setForm('name', input.value)} />
      <InputField
        id={`${prefix}-logo`}
        label={ht('hr.teams.logoUrl')}
        type="url"
        inputmode="url"
        autocomplete="off"
        spellcheck={false}
        translate="no"
        placeholder="https://cdn.example.com/logo.svg"
        value={form.logoUrl}
        hint={ht('hr.teams.logoHint')}
        error={error('branding.logoUrl')}
        onInput={(input) => setForm('logoUrl', input.value)}
      />
      <InputField
        id={`${prefix}-colour`}
        label={ht('hr.teams.colour')}
        type="text"
        autocomplete="off"
        spellcheck={false}
        translate="no"
        maxLength={7}
        placeholder="#0b5cad"
        value={form.colour}
        hint={ht('hr.teams.colourHint')}
        error={error('branding.colour')}
        onInput={(input) => setForm('colour', input.value)}
      />
      <ProblemMessage problem={unplaced()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending()}>
          {submitText()}
        </button>
        <Show when={props.onClose}>
          {(close) => (
            <button type="button" onClick={() => close()()}>
              {ht('hr.teams.close')}
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}
