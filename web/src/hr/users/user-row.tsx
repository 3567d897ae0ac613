import { For, Show, createSignal } from 'solid-js';
import { HR_ROLES, hrUserResetPasswordInput, type HrRole } from '@portal/shared/hr-user-inputs';
import { trpc, type HrUserRow } from '../../trpc';
import { formatDateTime, zoneLongName } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { ProblemMessage } from '../problem-message';
import { ROLE_LABELS } from './role-labels';

/**
 * One HR user with what an admin may change. The server refuses changes to yourself; the controls
 * are hidden too. A change reloads the list, which renders this row anew, so its notice is the page's.
 */
export function UserRow(props: { user: HrUserRow; onChanged: (notice: string) => void }) {
  const zone = detectTimeZone();
  const [password, setPassword] = createSignal('');
  const [passwordError, setPasswordError] = createSignal<string | undefined>();
  const change = createMutation(async (what: string, call: () => Promise<unknown>) => {
    await call();
    props.onChanged(what);
  });
  const id = () => props.user.id;

  async function resetPassword(event: SubmitEvent) {
    event.preventDefault();
    const checked = hrUserResetPasswordInput.safeParse({ userId: id(), password: password() });
    setPasswordError(checked.success ? undefined : checked.error.issues[0]?.message);
    if (!checked.success) return;
    await change.run(`New password set; ${props.user.email} was signed out everywhere.`, () => trpc.hr.users.resetPassword.mutate(checked.data));
    setPassword('');
  }

  const setRole = (role: HrRole) =>
    void change.run(`${props.user.email} is now ${ROLE_LABELS[role]}.`, () => trpc.hr.users.setRole.mutate({ userId: id(), role }));
  const setDisabled = (disabled: boolean) =>
    void change.run(disabled ? `${props.user.email} is disabled and signed out.` : `${props.user.email} can sign in again.`, () =>
      trpc.hr.users.setDisabled.mutate({ userId: id(), disabled }),
    );

  return (
    <li class="row">
      <span class="row-title" id={`user-${id()}`}>
        {props.user.email}
        <Show when={props.user.isYou}> (you)</Show>
      </span>
      <span class="badges">
        <span class="badge">{props.user.role === 'admin' ? 'Admin' : 'HR'}</span>
        <span class="badge" classList={{ warn: props.user.disabled }}>
          {props.user.disabled ? 'Disabled' : 'Active'}
        </span>
      </span>
      <span class="row-sub">
        Last sign-in:{' '}
        <Show when={props.user.lastSignInAt} fallback="never">
          {(at) => (
            <time datetime={at()}>
              {formatDateTime(at(), zone)} ({zoneLongName(zone)})
            </time>
          )}
        </Show>
      </span>
      <Show when={!props.user.isYou}>
        <div class="actions">
          <label for={`role-${id()}`}>Role of {props.user.email}</label>
          <select id={`role-${id()}`} value={props.user.role} disabled={change.pending()} onChange={(e) => setRole(e.currentTarget.value as HrRole)}>
            <For each={HR_ROLES}>{(role) => <option value={role}>{ROLE_LABELS[role]}</option>}</For>
          </select>
          <button type="button" disabled={change.pending()} onClick={() => setDisabled(!props.user.disabled)}>
            {props.user.disabled ? 'Enable' : 'Disable'} {props.user.email}
          </button>
        </div>
      </Show>
      <form class="actions" onSubmit={resetPassword} novalidate>
        <div class="field">
          <label for={`password-${id()}`}>New password for {props.user.email}</label>
          <input
            id={`password-${id()}`}
            type="password"
            autocomplete="new-password"
            value={password()}
            aria-invalid={passwordError() !== undefined}
            aria-describedby={`password-${id()}-error`}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <FieldError id={`password-${id()}-error`} message={passwordError()} />
        </div>
        <button type="submit" disabled={change.pending()}>
          Reset password
        </button>
      </form>
      <ProblemMessage problem={change.problem()} />
    </li>
  );
}
