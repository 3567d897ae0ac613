/**
 * The public API beside the web app's (docs/adr/0021, 0022, 0023), through the real services:
 *  1. REST against tRPC in the same run, one call at a time, alternating: HR's invitation
 *     (`POST /api/v1/invitations` with an API key against `hr.interviews.invite`) and the headless
 *     booking (`POST /api/v1/candidate/booking` against `candidate.book`). tRPC is the floor.
 *  2. Webhook delivery lateness: an endpoint on loopback subscribed to `interview.booked`, 1,000
 *     bookings at 16 clients, each delivery's arrival minus its booking's answer; the bookings'
 *     p50 beside their floor (a bare workflow update at the same concurrency), with and without
 *     the endpoint. Printed, never asserted.
 *
 *   pnpm bench:api          # BENCH_BOOKINGS=200 BENCH_PAIRS=10 for a quicker look
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { ApiError } from '@portal/system-tests/api-client';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, signInAsAdmin, type SinkMessage } from '@portal/system-tests/fixtures';
import { startWebhookReceiver, type ReceivedWebhook } from '@portal/system-tests/webhook-receiver';
import { startBenchPortal } from './harness';
import { figures, inPool, row, type Figures } from './measure';
import { restClient } from './rest-client';
import { webhookBreakdown } from './webhook-breakdown';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);
const BASELINE = Number(process.env.BENCH_BASELINE_BOOKINGS ?? 200);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WEBHOOK_WAIT_MS = Number(process.env.BENCH_WEBHOOK_WAIT_S ?? 180) * 1000;
const SETTLE_MAX_MS = Number(process.env.BENCH_SETTLE_MAX_S ?? 300) * 1000;
const HOOK_PATH = '/ats';
/** Each interviewer takes one booking a day, on days 2 to 19 ahead: no two bookings contend. */
const DAYS = 18;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/London';

const log = (line: string) => console.error(`[bench] ${line}`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** Times each call of `items` run `concurrency` at a time; a failure counts as an error, its first messages kept. */
async function timed<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<{ figures: Figures; problems: string[] }> {
  const latencies: number[] = [];
  const problems: string[] = [];
  const started = performance.now();
  await inPool(items, concurrency, async (item) => {
    const at = performance.now();
    try {
      await work(item);
      latencies.push(performance.now() - at);
    } catch (error) {
      if (problems.length < 5) problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { figures: figures(latencies, items.length - latencies.length, performance.now() - started), problems };
}

const total = 2 * PAIRS + BASELINE + BOOKINGS;
const portal = await startBenchPortal(
  'api',
  {
    MIN_NOTICE_MINUTES: '0',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    // Each key's own limit would measure itself: every call here is one key's.
    API_RATE_LIMIT_PER_MINUTE: '100000000',
  },
  // Every lifecycle mails its candidate and its interviewer; the sink keeps them all.
  { capacity: 6 * total + 1_000 },
);
const receiver = await startWebhookReceiver();
try {
  const hr = await signInAsAdmin(portal.api);
  const rest = restClient(portal.bookingUrl);
  const { key } = await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: 'Bench ATS', scopes: ['read', 'write'] });

  const interviewerCount = Math.ceil(total / DAYS);
  const interviewers = await inPool(Array.from({ length: interviewerCount }, (_, i) => i), CONCURRENCY, (i) => alwaysAvailableInterviewer(hr, `API Bench Interviewer ${i}`));
  log(`${interviewerCount} interviewers ready`);
  const today = Math.floor(Date.now() / DAY) * DAY;
  /** Candidate `n`'s interviewer and the time they book: a day of their own with that interviewer. */
  const interviewerOf = (n: number) => interviewers[n % interviewerCount]?.id ?? '';
  const startOf = (n: number) => new Date(today + (Math.floor(n / interviewerCount) + 2) * DAY + ((n % interviewerCount) % 24) * HOUR).toISOString();
  const invitation = (n: number) => ({
    candidateName: `API Bench Candidate ${n}`,
    candidateEmail: `api.bench.${n}@example.test`,
    candidateTimezone: ZONE,
    position: 'Backend Engineer',
    kind: 'technical',
    interviewerIds: [interviewerOf(n)],
  });

  /** The candidate link the lifecycle issues a moment after the start, asked for as the REST route asks. */
  const linkOf = async (interviewId: string): Promise<string> => {
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      try {
        return (await hr.query<{ link: string }>('hr.interviews.candidateLink', { interviewId })).link;
      } catch (error) {
        if (!(error instanceof ApiError && error.domainCode === 'NOT_FOUND')) throw error;
      }
      await sleep(wait);
    }
  };
  const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
  const inviteByTrpc = async (n: number) => {
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', invitation(n));
    return { n, interviewId, token: tokenOf(await linkOf(interviewId)) };
  };

  // 1. REST beside tRPC, alternating one call at a time, so both meet the same machine.
  const trpcInvite: number[] = [];
  const trpcInviteAndLink: number[] = [];
  const restInvite: number[] = [];
  const pairs: { n: number; token: string }[] = [];
  for (let p = 0; p < PAIRS; p += 1) {
    let at = performance.now();
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', invitation(2 * p));
    trpcInvite.push(performance.now() - at);
    pairs.push({ n: 2 * p, token: tokenOf(await linkOf(interviewId)) });
    trpcInviteAndLink.push(performance.now() - at);
    const fields = invitation(2 * p + 1);
    at = performance.now();
    const made = await rest<{ candidateUrl: string }>('POST', '/invitations', key, {
      candidate: { name: fields.candidateName, email: fields.candidateEmail, timezone: ZONE },
      position: fields.position,
      kind: fields.kind,
      interviewerIds: fields.interviewerIds,
    });
    restInvite.push(performance.now() - at);
    pairs.push({ n: 2 * p + 1, token: tokenOf(made.candidateUrl) });
  }
  const trpcBook: number[] = [];
  const restBook: number[] = [];
  for (const [i, { n, token }] of pairs.entries()) {
    const at = performance.now();
    if (i % 2 === 0) await portal.api.mutation('candidate.book', { token, start: startOf(n), timezone: ZONE });
    else await rest('POST', '/candidate/booking', token, { start: startOf(n), timezone: ZONE });
    (i % 2 === 0 ? trpcBook : restBook).push(performance.now() - at);
  }
  const one = (values: number[]) => figures(values, 0, values.reduce((sum, v) => sum + v, 0));
  const invites = { trpc: one(trpcInvite), trpcAndLink: one(trpcInviteAndLink), rest: one(restInvite) };
  const books = { trpc: one(trpcBook), rest: one(restBook) };

  // 2. Webhooks: candidates invited first, the baseline booked with no endpoint, then the endpoint and 1,000 bookings.
  const invitedStarted = Date.now();
  const candidates = await inPool(Array.from({ length: BASELINE + BOOKINGS }, (_, i) => 2 * PAIRS + i), CONCURRENCY, inviteByTrpc);
  log(`${candidates.length} candidates invited with their links in ${((Date.now() - invitedStarted) / 1000).toFixed(1)} s`);
  // The invitations' trailing work (their emails) settles before any booking is timed, as in the booking race.
  const settleBy = Date.now() + SETTLE_MAX_MS;
  const mailed = async () =>
    ((await (await fetch(`${portal.sinkUrl}/api/messages?tag=invitation`)).json()) as { messages: SinkMessage[] }).messages.filter((m) => /^api\.bench\.\d+@/.test(m.To)).length;
  while ((await mailed()) < total && Date.now() < settleBy) await sleep(1_000);
  log(`${await mailed()} of ${total} invitations mailed; booking starts`);
  const book = (c: { n: number; token: string }) => portal.api.mutation('candidate.book', { token: c.token, start: startOf(c.n), timezone: ZONE });
  const baseline = await timed(candidates.slice(0, BASELINE), CONCURRENCY, book);
  const endpoint = await rest<{ id: string; secret: string }>('POST', '/webhook-endpoints', key, { url: receiver.url(HOOK_PATH), events: ['interview.booked'] });
  receiver.expect(HOOK_PATH, endpoint.secret);
  log(`endpoint ${endpoint.id} subscribed to interview.booked at ${receiver.url(HOOK_PATH)}`);
  const measured = candidates.slice(BASELINE);
  const answeredAt = new Map<string, number>();
  const withHooks = await timed(measured, CONCURRENCY, async (c) => {
    await book(c);
    answeredAt.set(c.interviewId, Date.now());
  });
  const deadline = Date.now() + WEBHOOK_WAIT_MS;
  // Verified with the Standard Webhooks reference library as they arrive; one failing counts as not delivered.
  const interviewOf = (r: ReceivedWebhook) => (r.payload && 'interviewId' in r.payload.data ? r.payload.data.interviewId : '');
  // Only the measured bookings: a booking answered before the endpoint existed may still publish after it.
  const booked = () => receiver.at(HOOK_PATH).filter((r) => r.payload?.type === 'interview.booked' && answeredAt.has(interviewOf(r)));
  while (new Set(booked().map(interviewOf)).size < answeredAt.size && Date.now() < deadline) await sleep(250);
  const arrivals = booked();
  const unverified = receiver.at(HOOK_PATH).filter((r) => r.problem !== null).length;
  const firstArrival = new Map<string, number>();
  for (const r of arrivals) if (!firstArrival.has(interviewOf(r))) firstArrival.set(interviewOf(r), r.at);
  const lateness = [...firstArrival].map(([interviewId, at]) => at - (answeredAt.get(interviewId) ?? at));
  const distinctIds = new Set(arrivals.map((r) => r.id)).size;

  // The floor: a bare update round trip (`join`, refused by its validator: no window is open) on the same workflows, same concurrency.
  const connection = await Connection.connect({ address: portal.temporalAddress });
  const handles = measured.map((c) => portalTemporalClient(connection).workflow.getHandle(interviewWorkflowId(c.interviewId)));
  const refusedJoin = (handle: (typeof handles)[number]) =>
    handle.executeUpdate('join').then(
      () => {
        throw new Error('a join was accepted; the floor must be a refusal');
      },
      () => undefined,
    );
  await timed(handles.slice(0, 100), CONCURRENCY, refusedJoin);
  const floor = await timed(handles, CONCURRENCY, refusedJoin);
  const breakdown = await webhookBreakdown(
    portalTemporalClient(connection),
    endpoint.id,
    measured.map((c) => ({ interviewId: c.interviewId, answeredAt: answeredAt.get(c.interviewId) ?? 0, arrivedAt: firstArrival.get(c.interviewId) })),
  ).catch((error: unknown) => [`  breakdown not read: ${String(error)}`]);
  await connection.close();

  console.log(`REST beside tRPC, one call at a time, alternating (${PAIRS} each):`);
  console.log(row('  tRPC hr.interviews.invite', invites.trpc));
  console.log(row('  tRPC invite + candidate link', invites.trpcAndLink));
  console.log(row('  REST POST /invitations', invites.rest));
  console.log(`  invite ratio REST / tRPC p50 ${ratio(invites.rest.p50Ms, invites.trpc.p50Ms)} (goal <= 1.2x); REST answers the link too: REST / (tRPC invite + link) p50 ${ratio(invites.rest.p50Ms, invites.trpcAndLink.p50Ms)}`);
  console.log(row('  tRPC candidate.book', books.trpc));
  console.log(row('  REST POST /candidate/booking', books.rest));
  console.log(`  book ratio REST / tRPC p50 ${ratio(books.rest.p50Ms, books.trpc.p50Ms)} (goal <= 1.2x)`);
  console.log(`Webhooks: ${BOOKINGS} bookings at ${CONCURRENCY} clients with an endpoint subscribed to interview.booked:`);
  console.log(row(`  book, no endpoint (${BASELINE})`, baseline.figures));
  console.log(row(`  book, endpoint subscribed (${BOOKINGS})`, withHooks.figures));
  console.log(row('  floor: bare update (join refused)', floor.figures));
  console.log(`  booking ratio (book p50 / floor p50): ${ratio(withHooks.figures.p50Ms, floor.figures.p50Ms)} with the endpoint, ${ratio(baseline.figures.p50Ms, floor.figures.p50Ms)} without`);
  const late = figures(lateness, 0, 1);
  console.log(
    `  interview.booked delivered for ${firstArrival.size} of ${answeredAt.size} bookings (${arrivals.length} deliveries, ${distinctIds} webhook-ids, ${unverified} failing verification); ` +
      `lateness after the booking's answer p50 ${(late.p50Ms / 1000).toFixed(2)} s, p99 ${(late.p99Ms / 1000).toFixed(2)} s, max ${(Math.max(...lateness) / 1000).toFixed(2)} s (goal p99 <= 2 s)`,
  );
  console.log(`  lateness against the floor (a bare update at the same concurrency): p50 ${ratio(late.p50Ms, floor.figures.p50Ms)}, p99 ${ratio(late.p99Ms, floor.figures.p99Ms)}`);
  console.log('  where the lateness goes (from the histories):');
  for (const line of breakdown) console.log(line);
  for (const [what, problems] of [['baseline', baseline.problems], ['bookings', withHooks.problems], ['floor', floor.problems]] as const) {
    for (const problem of problems) console.log(`  ${what} refusal: ${problem}`);
  }
} finally {
  await receiver.close();
  await portal.stop();
}
