import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { ConsoleAccess } from './role-access';
import { ht } from './hr-language';

/** The console's pages a role has (role-access.ts): a hiring manager sees the interviews only. */
export function HrNav(props: { access: ConsoleAccess }) {
  return (
    <nav aria-label={ht('hr.nav.label')}>
      <A href="/hr" end>
        {ht('hr.nav.interviews')}
      </A>
      <Show when={props.access.runsInterviews}>
        <A href="/hr/invite">{ht('hr.nav.invite')}</A>
        <A href="/hr/interviewers">{ht('hr.nav.interviewers')}</A>
        <A href="/hr/kinds">{ht('hr.nav.kinds')}</A>
        <A href="/hr/loop-templates">{ht('hr.nav.loopTemplates')}</A>
        <A href="/hr/calendars">{ht('hr.nav.calendars')}</A>
      </Show>
      <Show when={props.access.administers}>
        <A href="/hr/users">{ht('hr.nav.users')}</A>
        <A href="/hr/api-keys">{ht('hr.nav.apiKeys')}</A>
        <A href="/hr/webhooks">{ht('hr.nav.webhooks')}</A>
        <A href="/hr/privacy">{ht('hr.nav.privacy')}</A>
      </Show>
      <Show when={props.access.managesTeams}>
        <A href="/hr/teams">{ht('hr.nav.teams')}</A>
      </Show>
    </nav>
  );
}
