import { Match, Show, Switch, createResource, type JSX } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { trpc } from '../trpc';
import { toApiProblem } from '../api-error';
import { createMutation } from '../ui/create-mutation';
import { Loading } from '../ui/loading';
import { SessionContext } from './session';
import './hr.css';
import { SignInForm } from './sign-in-form';

/** /hr/* — nothing of the console renders until the server confirms a session. */
export default function HrLayout(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const [me, { mutate, refetch }] = createResource(() => trpc.hr.auth.me.query());
  const signOut = createMutation(() => trpc.hr.auth.signOut.mutate());

  async function leave() {
    await signOut.run();
    mutate(null);
    navigate('/hr');
  }

  const unreachable = () =>
    me.state === 'errored' ? `We couldn't check your session: ${toApiProblem(me.error).message}` : undefined;

  return (
    <Switch fallback={<SignInForm onSignedIn={(user) => mutate(user)} notice={unreachable()} />}>
      <Match when={me.state === 'pending' || me.state === 'unresolved'}>
        <main class="page" id="main">
          <Loading what="the HR console" />
        </main>
      </Match>
      <Match when={me.state !== 'errored' && me()}>
        {(user) => (
          <SessionContext.Provider value={{ user, recheck: () => void refetch() }}>
            <header class="hr-header">
              <nav aria-label="HR console">
                <A href="/hr" end>
                  Interviews
                </A>
                <A href="/hr/invite">Invite</A>
                <A href="/hr/interviewers">Interviewers</A>
                <A href="/hr/kinds">Kinds</A>
                <Show when={user().role === 'admin'}>
                  <A href="/hr/users">Users</A>
                  <A href="/hr/api-keys">API keys</A>
                  <A href="/hr/webhooks">Webhooks</A>
                  <A href="/hr/privacy">Candidate data</A>
                </Show>
              </nav>
              <div class="who">
                <span>
                  {user().email} ({user().role})
                </span>
                <button type="button" onClick={() => void leave()} disabled={signOut.pending()}>
                  Sign out
                </button>
              </div>
            </header>
            <main class="page wide" id="main">
              {props.children}
            </main>
          </SessionContext.Provider>
        )}
      </Match>
    </Switch>
  );
}
