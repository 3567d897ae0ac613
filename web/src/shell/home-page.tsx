import { createEffect, onMount } from 'solid-js';
import { Formatted } from '../i18n/words';
import { showLanguage } from '../i18n/page-language';
import { browserLocale, shellText } from '../i18n/shell-language';

export default function HomePage() {
  onMount(() => void showLanguage(browserLocale()));
  // The front door's tab is the site's name alone, in the reader's language.
  createEffect(() => {
    document.title = shellText('shell.home.heading');
  });
  return (
    <main class="page" id="main">
      <section class="card">
        <h1>{shellText('shell.home.heading')}</h1>
        <p>{shellText('shell.home.text')}</p>
        <p>
          <Formatted format={(values) => shellText('shell.home.hr', values)} values={{ link: <a href="/hr">{shellText('shell.home.signIn')}</a> }} />
        </p>
      </section>
    </main>
  );
}
