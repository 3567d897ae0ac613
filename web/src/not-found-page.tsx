export default function NotFoundPage() {
  return (
    <main class="page" id="main">
      <section class="card end-page">
        <h1>Page not found</h1>
        <p>There's nothing at this address. If you're booking an interview, open the link in your invitation email.</p>
      </section>
    </main>
  );
}
