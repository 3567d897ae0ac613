import { onMount } from 'solid-js';
import { showLanguage } from '../i18n/page-language';
import { browserLocale, shellText } from '../i18n/shell-language';
import { usePageTitle } from '../ui/page-title';

export default function NotFoundPage() {
  onMount(() => void showLanguage(browserLocale()));
  usePageTitle(() => shellText('shell.notFound.heading'));
  return (
    <main class="page" id="main">
      <section class="card end-page">
        <h1>{shellText('shell.notFound.heading')}</h1>
        <p>{shellText('shell.notFound.text')}</p>
      </section>
    </main>
  );
}
