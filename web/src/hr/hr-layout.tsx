import { Match, Show, Switch, createResource, type JSX } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { trpc } from '../api/trpc';
import { toApiProblem } from '../api/api-error';
import { createMutation } from '../ui/create-mutation';
import { Loading } from '../ui/loading';
import { usePageTitle } from '../ui/page-title';
import { LanguagePicker } from '../i18n/language-picker';
import { languageShown, pageLocale } from '../i18n/page-language';
import { isLocale, type Locale } from '@portal/shared/i18n/locales';
import { SessionContext } from './session';
import { consoleAccess, pageOpenTo } from './role-access';
import { HrNav } from './hr-nav';
import { TeamSwitcher } from './team-switcher';
import { chooseHrLanguage, ht, showHrLanguage } from './hr-language';
import './hr.css';
import { SignInForm } from './sign-in-form';
import { HrWords } from './hr-words';
import { Data } from '../i18n/words';

/** /hr/* — nothing of the console renders until its words are loaded and the server confirms a session. */
export default function HrLayout(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [language] = createResource(() => showHrLanguage().then(() => true));
  const [me, { mutate, refetch }] = createResource(() => trpc.hr.auth.me.query());
  const signOut = createMutation(() => trpc.hr.auth.signOut.mutate());
  const choose = createMutation((locale: Locale) => chooseHrLanguage(locale));

  async function leave() {
    await signOut.run();
    mutate(null);
    navigate('/hr');
  }

  const unreachable = () => (me.state === 'errored' ? ht('hr.session.unreachable', { problem: toApiProblem(me.error).message }) : undefined);
  // Each page may name itself more closely; until then the tab says which console this is, in its language.
  usePageTitle(() => (languageShown() ? ht('hr.nav.label') : 'HR'));
  const shownLocale = (): Locale => {
    const shown = pageLocale();
    return isLocale(shown) ? shown : 'en';
  };

  return (
    <Show when={language() && languageShown()} fallback={<p class="loading page" role="status">…</p>}>
      <Switch fallback={<SignInForm onSignedIn={(user) => mutate(user)} notice={unreachable()} />}>
        <Match when={me.state === 'pending' || me.state === 'unresolved'}>
          <main class="page" id="main">
            <Loading text={ht('hr.loading.console')} />
          </main>
        </Match>
        <Match when={me.state !== 'errored' && me()}>
          {(user) => {
            const [teams, { refetch: readTeams }] = createResource(() => trpc.hr.teams.mine.query());
            return (
              <SessionContext.Provider value={{ user, recheck: () => void refetch(), teamsChanged: () => void readTeams() }}>
                <header class="hr-header">
                  <HrNav access={consoleAccess(user())} />
                  <div class="who">
                    <TeamSwitcher mine={teams} />
                    <LanguagePicker locale={shownLocale()} pending={choose.pending()} label={ht('hr.language')} onChange={(locale) => void choose.run(locale)} />
                    <span>
                      <HrWords message="hr.signedInAs" values={{ email: <Data>{user().email}</Data>, role: ht(`hr.role.${user().role}`) }} />
                    </span>
                    <button type="button" onClick={() => void leave()} disabled={signOut.pending()}>
                      {ht('hr.signOut')}
                    </button>
                  </div>
                </header>
                <main class="page wide" id="main">
                  <Show when={pageOpenTo(location.pathname, consoleAccess(user()))} fallback={<NotForRole />}>
                    {props.children}
                  </Show>
                </main>
              </SessionContext.Provider>
            );
          }}
        </Match>
      </Switch>
    </Show>
  );
}

/** A page the role has no part of, reached by its address: said, with the way back to what the role has. */
function NotForRole() {
  return (
    <section class="card" aria-labelledby="not-for-role">
      <h1 id="not-for-role">{ht('hr.access.notForRole')}</h1>
      <A href="/hr">{ht('hr.access.toInterviews')}</A>
    </section>
  );
}
