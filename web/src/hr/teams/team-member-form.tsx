import { For, Show, createSignal, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { HR_ROLES, type HrRole } from '@portal/shared/hr-user-inputs';
import { teamMemberInput, type TeamView } from '@portal/shared/team-inputs';
import type { z } from 'zod';
import { trpc, type HrUserRow } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { LiveMessage } from '../../ui/live-message';
import { asSentence, fieldErrorsFromIssues, messagesAt, messagesUnder, type FieldErrors } from '../../ui/field-errors';
import { ProblemMessage } from '../problem-message';
import { hrFieldWords, ht } from '../hr-language';
import { roleLabel } from '../users/role-labels';
import { PositionsField } from '../users/positions-field';
import { positionsFrom } from '../users/positions';

type TeamMember = z.infer<typeof teamMemberInput>;

const blank = () => ({ userId: '', team: '', role: 'recruiter' as HrRole, positions: '' });

/**
 * The owner gives a user a role in a team (a membership added, or its role changed). The users to
 * pick from are those of the team the owner's session is in: the users list reads one team.
 */
export function TeamMemberForm(props: { users: HrUserRow[]; teams: TeamView[] }) {
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [done, setDone] = createSignal('');
  const give = createMutation((input: TeamMember) => trpc.hr.teams.setMember.mutate(input));
  const errors = () => ({ ...give.problem()?.fieldErrors, ...checkErrors() });
  const error = (path: string) => asSentence(messagesAt(errors(), path));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setDone('');
    const positions = form.role === 'hiring_manager' ? { positions: positionsFrom(form.positions) } : {};
    const checked = teamMemberInput.safeParse({ team: form.team, userId: form.userId, role: form.role, ...positions });
    // Nothing chosen yet is said as such, not as the id's shape.
    const unchosen = Object.fromEntries((['userId', 'team'] as const).filter((field) => form[field] === '').map((field) => [field, [hrFieldWords().required]]));
    setCheckErrors({ ...(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords())), ...unchosen });
    if (!checked.success || (await give.run(checked.data)) === undefined) return;
    const email = props.users.find((user) => user.id === checked.data.userId)?.email ?? '';
    const team = props.teams.find((t) => t.id === checked.data.team)?.name ?? checked.data.team;
    setDone(ht('hr.teams.member.done', { email, role: ht(`hr.role.${checked.data.role}`), team }));
    setForm(blank());
  }

  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby="team-member-title">
      <h2 id="team-member-title">{ht('hr.teams.member.title')}</h2>
      <Choice id="member-user" label={ht('hr.teams.member.user')} hint={ht('hr.teams.member.userHint')} value={form.userId} error={error('userId')} onChange={(value) => setForm('userId', value)}>
        <For each={props.users}>{(user) => <option value={user.id}>{user.email}</option>}</For>
      </Choice>
      <Choice id="member-team" label={ht('hr.teams.member.team')} value={form.team} error={error('team')} onChange={(value) => setForm('team', value)}>
        <For each={props.teams}>{(team) => <option value={team.id}>{team.name}</option>}</For>
      </Choice>
      <div class="field">
        <label for="member-role">{ht('hr.users.role')}</label>
        <select id="member-role" value={form.role} onChange={(e) => setForm('role', e.currentTarget.value as HrRole)}>
          <For each={HR_ROLES}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
        </select>
      </div>
      <Show when={form.role === 'hiring_manager'}>
        <PositionsField id="member-positions" label={ht('hr.users.positions')} value={form.positions} error={messagesUnder(errors(), 'positions')} onInput={(text) => setForm('positions', text)} />
      </Show>
      <ProblemMessage problem={give.problem()?.code === 'BAD_INPUT' ? null : give.problem()} />
      <LiveMessage tone="success" when={done()}>
        {done()}
      </LiveMessage>
      <button type="submit" class="primary" disabled={give.pending()}>
        {give.pending() ? ht('hr.teams.saving') : ht('hr.teams.member.submit')}
      </button>
    </form>
  );
}

/** A labelled select with a "Choose…" first option, its hint and its error read with it. */
function Choice(props: { id: string; label: string; hint?: string; value: string; error: string | undefined; onChange: (value: string) => void; children: JSX.Element }) {
  const describedBy = () => (props.hint === undefined ? `${props.id}-error` : `${props.id}-hint ${props.id}-error`);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} aria-invalid={props.error !== undefined} aria-describedby={describedBy()} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{ht('hr.teams.member.choose')}</option>
        {props.children}
      </select>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}
