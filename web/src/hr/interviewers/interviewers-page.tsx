import { For, Show, createResource } from 'solid-js';
import { A } from '@solidjs/router';
import { trpc } from '../../trpc';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';

/** Every HR user sees the interviewers; only admins get the controls to add or edit them. */
export default function InterviewersPage() {
  const isAdmin = useIsAdmin();
  const [interviewers, { refetch }] = createResource(() => trpc.hr.interviewers.list.query());
  return (
    <>
      <div class="page-title">
        <h1>Interviewers</h1>
        <Show when={isAdmin()}>
          <A href="/hr/interviewers/new" class="button primary">
            Add interviewer
          </A>
        </Show>
      </div>
      <Loaded resource={interviewers} retry={() => void refetch()} what="interviewers">
        {(list) => (
            <Show
              when={list().length > 0}
              fallback={<p class="empty">No interviewers yet. {isAdmin() ? 'Add one to start inviting candidates.' : 'An admin adds them.'}</p>}
            >
              <Show when={!isAdmin()}>
                <p class="hint">Only admins change interviewers and their availability.</p>
              </Show>
              <ul class="rows">
                <For each={list()}>
                  {(person) => (
                    <li class="row">
                      <Show when={isAdmin()} fallback={<span class="row-title">{person.name}</span>}>
                        <A class="row-title" href={`/hr/interviewers/${encodeURIComponent(person.id)}`}>
                          {person.name}
                        </A>
                      </Show>
                      <span class="row-sub">
                        {person.email} · {person.timezone}
                      </span>
                      <span class="badges">
                        <span class="badge" classList={{ warn: !person.active }}>
                          {person.active ? 'Active' : 'Inactive'}
                        </span>
                        <span class="badge">up to {person.maxPerDay} a day</span>
                        <span class="badge">
                          {person.bookedNext14Days} booked in the next 14 days
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
