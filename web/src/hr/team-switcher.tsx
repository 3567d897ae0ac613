import { For, Match, Switch, createUniqueId, type Resource } from 'solid-js';
import { trpc, type HrTeams } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { Data } from '../i18n/words';
import { HrWords } from './hr-words';
import { ProblemMessage } from './problem-message';
import { ht } from './hr-language';

/** An interview's or a loop's page: the old team's record, not in the new team's list. */
const RECORD_PAGE = /^\/hr\/(interviews|loops)\//;

/**
 * The team the session acts in, in the header: a choice when the user has several teams, its name
 * when one. Every page reads the session's team, so a switch starts the console again in the new
 * one (a full reload: no page keeps the old team's data on screen).
 */
export function TeamSwitcher(props: { mine: Resource<HrTeams> }) {
  const id = createUniqueId();
  const mine = props.mine;
  const change = createMutation((team: string) => trpc.hr.teams.switch.mutate({ team }));
  const currentName = () => {
    const teams = mine.latest;
    return teams?.teams.find((team) => team.id === teams.current)?.name;
  };

  async function choose(team: string) {
    if ((await change.run(team)) === undefined) return;
    location.assign(RECORD_PAGE.test(location.pathname) ? '/hr' : `${location.pathname}${location.search}`);
  }

  return (
    <Switch>
      <Match when={(mine.latest?.teams.length ?? 0) > 1 && mine.latest}>
        {(teams) => (
          <div class="team-picker">
            <label for={id}>{ht('hr.team.label')}</label>
            <select id={id} value={teams().current} disabled={change.pending()} onChange={(e) => void choose(e.currentTarget.value)}>
              <For each={teams().teams}>{(team) => <option value={team.id}>{team.name}</option>}</For>
            </select>
            <span class="visually-hidden" role="status">
              {change.pending() ? ht('hr.team.switching') : ''}
            </span>
            <ProblemMessage problem={change.problem()} />
          </div>
        )}
      </Match>
      <Match when={currentName()}>{(name) => <span><HrWords message="hr.team.current" values={{ name: <Data>{name()}</Data> }} /></span>}</Match>
    </Switch>
  );
}
