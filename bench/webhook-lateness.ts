import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin, spacedStarts } from '@portal/system-tests/fixtures';
import { startWebhookReceiver } from '@portal/system-tests/webhook-receiver';
import { startBenchPortal } from './harness';
import { figures, inPool, row } from './measure';

/**
 * Webhook delivery lateness (docs/adr/0022): BENCH_BOOKINGS bookings (default 1,000), the first
 * half with no endpoint, the second half with one endpoint subscribed to `interview.booked` on a
 * receiver on loopback that verifies every signature. Prints the bookings' answer times of both
 * halves (webhooks must not slow booking) and, for the second half, how long after the booking
 * (the event's `occurredAt`) each webhook reached the receiver.
 */
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const receiver = await startWebhookReceiver();
const portal = await startBenchPortal('webhooks', { MIN_NOTICE_MINUTES: '0', SLOT_STEP_MINUTES: '5', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
try {
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Webhook Bench Interviewer', 288);
  const candidates = await inPool(Array.from({ length: BOOKINGS }, (_, i) => i), 10, (i) =>
    inviteAndReadLink(hr, portal.sinkUrl, { name: `Hook ${i}`, email: `hook.bench.${i}@example.test` }, [interviewer.id]),
  );
  const first = candidates[0];
  if (!first) throw new Error('no candidates');
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: first.token });
  const starts = spacedStarts(slots, BOOKINGS, 60 * 60_000, 5 * 60_000);
  if (starts.length < BOOKINGS) throw new Error(`only ${starts.length} slots for ${BOOKINGS} bookings`);

  const book = async (half: typeof candidates, offset: number) => {
    const latencies: number[] = [];
    const started = Date.now();
    await inPool(half, CONCURRENCY, async (candidate, i) => {
      const at = performance.now();
      await portal.api.mutation('candidate.book', { token: candidate.token, start: starts[offset + i] });
      latencies.push(performance.now() - at);
    });
    return figures(latencies, 0, Date.now() - started);
  };
  const half = Math.floor(BOOKINGS / 2);
  const without = await book(candidates.slice(0, half), 0);
  const endpoint = await hr.mutation<{ id: string; secret: string }>('hr.webhooks.create', { url: receiver.url('/bench'), events: ['interview.booked'] });
  receiver.expect('/bench', endpoint.secret);
  const withHooks = await book(candidates.slice(half), half);

  const expected = BOOKINGS - half;
  const deadline = Date.now() + 10 * 60_000;
  while (receiver.at('/bench').length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  const got = receiver.at('/bench');
  const lateness = got.flatMap((r) => (r.payload ? [r.at - Date.parse(r.payload.occurredAt)] : []));
  const bad = got.filter((r) => r.problem !== null).length;
  console.log(row('book, no endpoint', without));
  console.log(row('book, one endpoint', withHooks));
  console.log(row('webhook lateness (booked → received)', figures(lateness, expected - lateness.length, 1)).replace(/\s+\S+ req\/s/, ''));
  console.log(`webhooks received ${got.length} of ${expected}, ${new Set(got.map((r) => r.id)).size} distinct ids, ${bad} failing verification`);
} finally {
  await portal.stop();
  await receiver.close();
}
