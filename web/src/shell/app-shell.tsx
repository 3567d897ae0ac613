import { ErrorBoundary, Suspense, type JSX } from 'solid-js';
import { shellText } from '../i18n/shell-language';

/** Around every page: a skip link, a loading line while a page's code arrives, and a last-resort error page. */
export function AppShell(props: { children?: JSX.Element }) {
  return (
    <>
      <a class="skip-link" href="#main">
        {shellText('shell.skip')}
      </a>
      <ErrorBoundary
        fallback={(error: unknown) => {
          // The reader gets words in their language; the cause goes to the console for whoever debugs it.
          console.error(error);
          return (
            <main class="page" id="main">
              <section class="card end-page" role="alert">
                <h1>{shellText('shell.error.heading')}</h1>
                <p>{shellText('shell.error.text')}</p>
                <button type="button" onClick={() => window.location.reload()}>
                  {shellText('shell.error.reload')}
                </button>
              </section>
            </main>
          );
        }}
      >
        <Suspense fallback={<p class="loading page" role="status">{shellText('shell.loading')}</p>}>{props.children}</Suspense>
      </ErrorBoundary>
    </>
  );
}
