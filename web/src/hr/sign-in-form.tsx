import { createStore } from 'solid-js/store';
import { trpc, type HrUser } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { InputField } from '../ui/input-field';
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
        <InputField
          id="sign-in-email"
          label={ht('hr.signIn.email')}
          type="email"
          autocomplete="username"
          required
          value={form.email}
          error={undefined}
          onInput={(input) => setForm('email', input.value)}
        />
        <InputField
          id="sign-in-password"
          label={ht('hr.signIn.password')}
          type="password"
          autocomplete="current-password"
          required
          value={form.password}
          error={undefined}
          onInput={(input) => setForm('password', input.value)}
        />
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
