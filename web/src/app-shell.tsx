import { ErrorBoundary, Suspense, type JSX } from 'solid-js';

/** Around every page: a skip link, a loading line while a page's code arrives, and a last-resort error page. */
export function AppShell(props: { children?: JSX.Element }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <ErrorBoundary
        fallback={(error: unknown) => (
          <main class="page" id="main">
            <section class="card end-page" role="alert">
              <h1>Something went wrong</h1>
              <p>{error instanceof Error ? error.message : 'The page failed to load.'}</p>
              <button type="button" onClick={() => window.location.reload()}>
                Reload the page
              </button>
            </section>
          </main>
        )}
      >
        <Suspense fallback={<p class="loading page" role="status">Loading…</p>}>{props.children}</Suspense>
      </ErrorBoundary>
    </>
  );
}
