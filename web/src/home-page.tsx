export default function HomePage() {
  return (
    <main class="page" id="main">
      <section class="card">
        <h1>Interview booking</h1>
        <p>To book or change an interview, open the link in your invitation email.</p>
        <p>
          Recruiters: <a href="/hr">sign in to the HR console</a>.
        </p>
      </section>
    </main>
  );
}
