import { For, Show, createResource } from 'solid-js';
import { A } from '@solidjs/router';
import { trpc } from '../../api/trpc';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { ht } from '../hr-language';
import { Data } from '../../i18n/words';

/** Every HR user sees the interviewers; only admins get the controls to add or edit them. */
export default function InterviewersPage() {
  const isAdmin = useIsAdmin();
  const [interviewers, { refetch }] = createResource(() => trpc.hr.interviewers.list.query());
  return (
    <>
      <div class="page-title">
        <h1>{ht('hr.interviewers.title')}</h1>
        <Show when={isAdmin()}>
          <A href="/hr/interviewers/new" class="button primary">
            {ht('hr.interviewers.add')}
          </A>
        </Show>
      </div>
      <Loaded resource={interviewers} retry={() => void refetch()} what={ht('hr.interviewers.loading')}>
        {(list) => (
            <Show
              when={list().length > 0}
              fallback={<p class="empty">{isAdmin() ? ht('hr.interviewers.noneAdmin') : ht('hr.interviewers.none')}</p>}
            >
              <Show when={!isAdmin()}>
                <p class="hint">{ht('hr.interviewers.adminsOnly')}</p>
              </Show>
              <ul class="rows">
                <For each={list()}>
                  {(person) => (
                    <li class="row">
                      <Show when={isAdmin()} fallback={
                          <span class="row-title">
                            <Data>{person.name}</Data>
                          </span>
                        }>
                        <A class="row-title" href={`/hr/interviewers/${encodeURIComponent(person.id)}`}>
                          <Data>{person.name}</Data>
                        </A>
                      </Show>
                      <span class="row-sub">
                        <Data>{person.email}</Data> · <Data>{person.timezone}</Data>
                      </span>
                      <span class="badges">
                        <span class="badge" classList={{ warn: !person.active }}>
                          {person.active ? ht('hr.interviewers.active') : ht('hr.interviewers.inactive')}
                        </span>
                        <span class="badge">{ht('hr.interviewers.perDay', { count: person.maxPerDay })}</span>
                        <span class="badge">
                          {ht('hr.interviewers.booked', { count: person.bookedNext14Days })}
                        </span>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
        )}
      </Loaded>
    </>
  );
}
