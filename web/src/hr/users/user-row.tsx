import { For, Show, createSignal } from 'solid-js';
import { HR_ROLES, hrUserResetPasswordInput, hrUserSetRoleInput, type HrRole } from '@portal/shared/hr-user-inputs';
import { trpc, type HrUserRow } from '../../api/trpc';
import { formatDateTime, zoneLongName } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { ProblemMessage } from '../problem-message';
import { roleLabel } from './role-labels';
import { PositionsField } from './positions-field';
import { positionsFrom, positionsText } from './positions';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';

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
    await change.run(ht('hr.users.passwordSet', { email: props.user.email }), () => trpc.hr.users.resetPassword.mutate(checked.data));
    setPassword('');
  }

  // A hiring manager's role is saved with their positions, from the box the choice opens; another role at once.
  const [pickedRole, setPickedRole] = createSignal<HrRole>(props.user.role);
  const [positions, setPositions] = createSignal(positionsText(props.user.positions));
  const [positionsError, setPositionsError] = createSignal<string | undefined>();
  async function saveRole(role: HrRole, owned?: string[]) {
    await change.run(ht('hr.users.roleSet', { email: props.user.email, role: roleLabel(role) }), () =>
      trpc.hr.users.setRole.mutate({ userId: id(), role, ...(owned === undefined ? {} : { positions: owned }) }),
    );
  }
  async function pickRole(role: HrRole) {
    setPickedRole(role);
    if (role === 'hiring_manager') return;
    await saveRole(role);
    // Refused (the last admin, say): the choice shows the role the user still has.
    if (change.problem() !== null) setPickedRole(props.user.role);
  }
  function savePositions(event: SubmitEvent) {
    event.preventDefault();
    const checked = hrUserSetRoleInput.safeParse({ userId: id(), role: 'hiring_manager', positions: positionsFrom(positions()) });
    setPositionsError(checked.success ? undefined : checked.error.issues[0]?.message);
    if (checked.success) void saveRole('hiring_manager', checked.data.positions);
  }
  const setDisabled = (disabled: boolean) =>
    void change.run(disabled ? ht('hr.users.disabledNotice', { email: props.user.email }) : ht('hr.users.enabledNotice', { email: props.user.email }), () =>
      trpc.hr.users.setDisabled.mutate({ userId: id(), disabled }),
    );

  return (
    <li class="row">
      <span class="row-title" id={`user-${id()}`}>
        <Data>{props.user.email}</Data>
        <Show when={props.user.isYou}>{ht('hr.users.you')}</Show>
      </span>
      <span class="badges">
        <span class="badge">{ht(`hr.users.badge.${props.user.role}`)}</span>
        <Show when={props.user.owner}>
          <span class="badge">{ht('hr.users.badge.owner')}</span>
        </Show>
        <span class="badge" classList={{ warn: props.user.disabled }}>
          {props.user.disabled ? ht('hr.users.disabled') : ht('hr.users.active')}
        </span>
      </span>
      <span class="row-sub">
        <HrWords
          message="hr.users.lastSignIn"
          values={{
            when: (
              <Show when={props.user.lastSignInAt} fallback={ht('hr.users.never')}>
                {(at) => (
                  <time datetime={at()}>
                    {formatDateTime(at(), zone, intlLocale())} ({zoneLongName(zone, new Date(), intlLocale())})
                  </time>
                )}
              </Show>
            ),
          }}
        />
      </span>
      <Show when={props.user.role === 'hiring_manager' && props.user.positions.length > 0}>
        <span class="row-sub">
          <HrWords message="hr.users.owns" values={{ positions: <Data>{props.user.positions.join(', ')}</Data> }} />
        </span>
      </Show>
      <Show when={!props.user.isYou}>
        <div class="actions">
          <label for={`role-${id()}`}>
            <HrWords message="hr.users.roleOf" values={{ email: <Data>{props.user.email}</Data> }} />
          </label>
          <select id={`role-${id()}`} value={pickedRole()} disabled={change.pending()} onChange={(e) => void pickRole(e.currentTarget.value as HrRole)}>
            <For each={HR_ROLES}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
          </select>
          <button type="button" disabled={change.pending()} onClick={() => setDisabled(!props.user.disabled)}>
            <HrWords message={props.user.disabled ? 'hr.users.enable' : 'hr.users.disable'} values={{ email: <Data>{props.user.email}</Data> }} />
          </button>
        </div>
        <Show when={pickedRole() === 'hiring_manager'}>
          <form class="actions" onSubmit={savePositions} novalidate>
            <PositionsField
              id={`positions-${id()}`}
              label={<HrWords message="hr.users.positionsOf" values={{ email: <Data>{props.user.email}</Data> }} />}
              value={positions()}
              error={positionsError()}
              disabled={change.pending()}
              onInput={setPositions}
            />
            <button type="submit" disabled={change.pending()}>
              {ht('hr.users.savePositions')}
            </button>
          </form>
        </Show>
      </Show>
      <form class="actions" onSubmit={resetPassword} novalidate>
        <div class="field">
          <label for={`password-${id()}`}>
            <HrWords message="hr.users.newPassword" values={{ email: <Data>{props.user.email}</Data> }} />
          </label>
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
          {ht('hr.users.resetPassword')}
        </button>
      </form>
      <ProblemMessage problem={change.problem()} />
    </li>
  );
}
