import { readdirSync, readFileSync } from 'node:fs';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';

/**
 * Memory and fan-out of HR live pages (docs/adr/0033): BENCH_SUBSCRIPTIONS (1,000) open
 * `hr.interviews.live` streams on one booking process; prints the process's RSS before and with
 * them open, per stream, and how long one booking takes to reach every stream.
 */
const COUNT = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1_000);

/** The booking process's RSS in MiB: the node process started with its port (the largest, not tsx's wrapper). */
function bookingRss(port: string): number {
  let largest = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!environ.includes(`BOOKING_PORT=${port}\0`) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.ts')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      largest = Math.max(largest, Number(rss ?? 0) / 1024);
    } catch {
      // A process that ended, or another user's.
    }
  }
  return largest;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const portal = await startBenchPortal('live', { LIVE_MAX_PER_CLIENT: String(COUNT + 10) });
try {
  const port = new URL(portal.bookingUrl).port;
  const hr = await signInAsAdmin(portal.api);
  const signedIn = await fetch(`${portal.bookingUrl}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.test', password: 'dev-admin-password' }),
  });
  const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const interviewer = await alwaysAvailableInterviewer(hr, 'Bench Live');
  const candidate = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Bench Live', email: 'bench.live@example.test' }, [interviewer.id]);
  await sleep(5_000);
  const idle = bookingRss(port);

  const aborter = new AbortController();
  const heard: number[] = [];
  let booked = 0;
  const open = async (index: number) => {
    const response = await fetch(`${portal.bookingUrl}/trpc/hr.interviews.live?input=${encodeURIComponent('{}')}`, { headers: { accept: 'text/event-stream', cookie }, signal: aborter.signal });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no stream');
    let text = '';
    let connected: () => void = () => undefined;
    const ready = new Promise<void>((done) => (connected = done));
    void (async () => {
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) return;
        text += new TextDecoder().decode(chunk.value);
        if (text.includes('event: connected')) connected();
        if (booked > 0 && text.includes(candidate.interviewId) && heard[index] === undefined) heard[index] = Date.now() - booked;
      }
    })();
    await ready;
  };
  const started = Date.now();
  for (let i = 0; i < COUNT; i += 50) await Promise.all(Array.from({ length: Math.min(50, COUNT - i) }, (_, k) => open(i + k)));
  const openMs = Date.now() - started;
  await sleep(10_000);
  const withStreams = bookingRss(port);

  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: candidate.token });
  booked = Date.now();
  await portal.api.mutation('candidate.book', { token: candidate.token, start: slots[0]?.start });
  const answered = Date.now() - booked;
  for (let waited = 0; heard.filter((ms) => ms !== undefined).length < COUNT && waited < 30_000; waited += 100) await sleep(100);
  const times = heard.filter((ms) => ms !== undefined).sort((a, b) => a - b);
  aborter.abort();

  console.log(`[live] ${COUNT} HR streams opened in ${(openMs / 1000).toFixed(1)} s on one booking process`);
  console.log(`[live] booking RSS: ${idle.toFixed(0)} MiB idle, ${withStreams.toFixed(0)} MiB with the streams open: ${(((withStreams - idle) * 1024) / COUNT).toFixed(1)} KiB per stream`);
  console.log(`[live] one booking (answered in ${answered} ms) reached ${times.length} of ${COUNT} streams: p50 ${times[Math.floor(times.length / 2)] ?? '-'} ms, last ${times.at(-1) ?? '-'} ms after the call`);
} finally {
  await portal.stop();
}
