import { createStore } from 'solid-js/store';
import { trpc, type HrUser } from '../trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { ht } from './hr-language';

export function SignInForm(props: { onSignedIn: (user: HrUser) => void; notice?: string }) {
  const [form, setForm] = createStore({ email: '', password: '' });
  const signIn = createMutation(() => trpc.hr.auth.signIn.mutate({ email: form.email.trim(), password: form.password }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const user = await signIn.run();
    if (user !== undefined) props.onSignedIn(user);
    else setForm('password', '');
  }

  return (
    <main class="page narrow" id="main">
      <form class="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{ht('hr.signIn.title')}</h1>
        <LiveMessage tone="info" when={props.notice}>
          {props.notice}
        </LiveMessage>
        <div class="field">
          <label for="sign-in-email">{ht('hr.signIn.email')}</label>
          <input
            id="sign-in-email"
            type="email"
            autocomplete="username"
            required
            value={form.email}
            onInput={(e) => setForm('email', e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="sign-in-password">{ht('hr.signIn.password')}</label>
          <input
            id="sign-in-password"
            type="password"
            autocomplete="current-password"
            required
            value={form.password}
            onInput={(e) => setForm('password', e.currentTarget.value)}
          />
        </div>
        <LiveMessage tone="error" when={signIn.problem()}>
          {signIn.problem()?.message}
        </LiveMessage>
        <button type="submit" class="primary" disabled={signIn.pending()}>
          {signIn.pending() ? ht('hr.signIn.pending') : ht('hr.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
