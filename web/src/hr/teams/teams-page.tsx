import { For, Show, createResource, createSignal } from 'solid-js';
import type { TeamView } from '@portal/shared/team-inputs';
import { trpc } from '../../api/trpc';
import { usePageTitle } from '../../ui/page-title';
import { LiveMessage } from '../../ui/live-message';
import { Data } from '../../i18n/words';
import { Loaded } from '../loaded';
import { useAccess, useSession } from '../session';
import { ht } from '../hr-language';
import { TeamForm } from './team-form';
import { TeamMemberForm } from './team-member-form';

/** /hr/teams: the deployment's owner adds hiring teams, names and brands them, and gives users roles in them (docs/adr/0076). */
export default function TeamsPage() {
  usePageTitle(() => ht('hr.teams.title'));
  const access = useAccess();
  const [teams, { refetch }] = createResource(() => access().managesTeams, () => trpc.hr.teams.list.query());
  // The users to give a role: the users page's list, of the team the session is in.
  const [users, { refetch: readUsers }] = createResource(() => access().managesTeams, () => trpc.hr.users.list.query());
  const session = useSession();
  const [notice, setNotice] = createSignal('');
  const saved = (message: string) => {
    setNotice(message);
    void refetch();
    session.teamsChanged();
  };
  return (
    <>
      <h1>{ht('hr.teams.title')}</h1>
      <p class="hint">{ht('hr.teams.intro')}</p>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <section class="card" aria-labelledby="add-team-title">
        <h2 id="add-team-title">{ht('hr.teams.add')}</h2>
        <TeamForm onSaved={(team) => saved(ht('hr.teams.created', { name: team.name }))} />
      </section>
      <h2>{ht('hr.teams.everyone')}</h2>
      <Loaded resource={teams} retry={() => void refetch()} what={ht('hr.teams.loading')}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="empty">{ht('hr.teams.none')}</p>}>
            <ul class="rows">
              <For each={list()}>{(team) => <TeamRow team={team} onSaved={(next) => saved(ht('hr.teams.saved', { name: next.name }))} />}</For>
            </ul>
          </Show>
        )}
      </Loaded>
      <Loaded resource={users} retry={() => void readUsers()} what={ht('hr.users.loading')}>
        {(list) => <TeamMemberForm users={list()} teams={teams.latest ?? []} />}
      </Loaded>
    </>
  );
}

/** One team: its name, id and branding as the candidate page shows them, and its form behind "Edit". */
function TeamRow(props: { team: TeamView; onSaved: (team: TeamView) => void }) {
  const session = useSession();
  const [editing, setEditing] = createSignal(false);
  const logo = () => props.team.branding?.logoUrl;
  const colour = () => props.team.branding?.colour;
  return (
    <li class="row team-row">
      <span class="row-title">
        <Data>{props.team.name}</Data>
        <Show when={props.team.id === session.user().team}> {ht('hr.teams.yours')}</Show>
      </span>
      <span class="row-sub">
        <code translate="no">{props.team.id}</code>
      </span>
      <span class="badges">
        <Show when={logo()}>{(url) => <img class="team-logo" src={url()} alt={props.team.name} />}</Show>
        <Show when={colour()}>
          {(hex) => (
            <span class="badge">
              <span class="swatch" style={{ background: hex() }} aria-hidden="true" /> {ht('hr.teams.colourIs', { colour: hex() })}
            </span>
          )}
        </Show>
        <Show when={logo() === undefined && colour() === undefined}>
          <span class="row-sub">{ht('hr.teams.noBranding')}</span>
        </Show>
      </span>
      <Show
        when={editing()}
        fallback={
          <div class="actions">
            <button type="button" onClick={() => setEditing(true)}>
              {ht('hr.teams.edit', { name: props.team.name })}
            </button>
          </div>
        }
      >
        <TeamForm
          team={props.team}
          onSaved={(team) => {
            setEditing(false);
            props.onSaved(team);
          }}
          onClose={() => setEditing(false)}
        />
      </Show>
    </li>
  );
}
