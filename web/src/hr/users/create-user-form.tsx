import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { HR_ROLES, MIN_PASSWORD_LENGTH, hrUserCreateInput, type HrRole, type HrUserCreateInput } from '@portal/shared/hr-user-inputs';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { InputField } from '../../ui/input-field';
import { fieldErrorsFromIssues, messagesAt, messagesUnder, type FieldErrors } from '../../ui/field-errors';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { roleLabel } from './role-labels';
import { PositionsField } from './positions-field';
import { positionsFrom } from './positions';
import { hrFieldWords, ht } from '../hr-language';

const blank = () => ({ email: '', role: 'recruiter' as HrRole, password: '', positions: '' });

export function CreateUserForm(props: { onCreated: () => void }) {
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [created, setCreated] = createSignal('');
  const create = createMutation((input: HrUserCreateInput) => trpc.hr.users.create.mutate(input));
  const errors = () => ({ ...create.problem()?.fieldErrors, ...checkErrors() });
  const error = (path: string) => messagesAt(errors(), path);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated('');
    // Positions are a hiring manager's only: another role sends none.
    const positions = form.role === 'hiring_manager' ? { positions: positionsFrom(form.positions) } : {};
    const checked = hrUserCreateInput.safeParse({ email: form.email.trim(), role: form.role, password: form.password, ...positions });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return;
    const user = await create.run(checked.data);
    if (user === undefined) return;
    setCreated(ht('hr.users.created', { email: user.email, role: roleLabel(user.role) }));
    setForm(blank());
    props.onCreated();
  }

  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">{ht('hr.users.add')}</h2>
      <InputField
        id="new-user-email"
        label={ht('hr.users.email')}
        type="email"
        autocomplete="off"
        value={form.email}
        error={error('email')}
        onInput={(input) => setForm('email', input.value)}
      />
      <div class="field">
        <label for="new-user-role">{ht('hr.users.role')}</label>
        <select id="new-user-role" value={form.role} onChange={(e) => setForm('role', e.currentTarget.value as HrRole)}>
          <For each={HR_ROLES}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
        </select>
      </div>
      <Show when={form.role === 'hiring_manager'}>
        <PositionsField
          id="new-user-positions"
          label={ht('hr.users.positions')}
          value={form.positions}
          error={messagesUnder(errors(), 'positions')}
          onInput={(text) => setForm('positions', text)}
        />
      </Show>
      <InputField
        id="new-user-password"
        label={ht('hr.users.initialPassword')}
        type="password"
        autocomplete="new-password"
        value={form.password}
        hint={ht('hr.users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        error={error('password')}
        onInput={(input) => setForm('password', input.value)}
      />
      <ProblemMessage problem={create.problem()?.code === 'BAD_INPUT' ? null : create.problem()} />
      <LiveMessage tone="success" when={created()}>
        {created()}
      </LiveMessage>
      <button type="submit" class="primary" disabled={create.pending()}>
        {create.pending() ? ht('hr.users.adding') : ht('hr.users.addButton')}
      </button>
    </form>
  );
}
