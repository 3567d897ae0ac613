/**
 * 1,000 interview lifecycles with reminders due within a few minutes, through the real services:
 * HR invites (each starts a lifecycle workflow) and candidates book over the booking API; the
 * workflows and notifications workers run as processes against FerretDB, the Temporal dev server
 * and the email sink (bench/harness.ts). Prints lifecycle starts/s, the workflows worker's RSS,
 * and reminder lateness (sink SubmittedAt minus due time). Printed, never asserted.
 *
 *   pnpm bench:lifecycles            # BENCH_LIFECYCLES=200 for a quicker look
 *   BENCH_CHAOS=1 pnpm bench:lifecycles   # with workers killed and servers restarted meanwhile (chaos.ts)
 *   BENCH_DURABLE=1 pnpm bench:lifecycles # on durable servers (the chaos run's), without the blows
 *   BENCH_SMS=1 pnpm bench:lifecycles     # every candidate opts in to texts: three SMS reminders beside the emails
 *   BENCH_SMS=compare pnpm bench:lifecycles # two rounds, without texts then with, each on a portal of its own, each with its figures
 *   BENCH_WORKERS_APART=1 pnpm bench:lifecycles # the workers held while HR invites: the invitations have the cores to themselves
 *   BENCH_TOPOLOGY=production pnpm bench:lifecycles     # on the production topology: a Temporal cluster on PostgreSQL, two of each service, nginx (production-infra.ts)
 *   BENCH_TOPOLOGY=production,dev pnpm bench:lifecycles # both, one after the other in the same run, each with its figures
 *   BENCH_TOPOLOGY=production BENCH_CHAOS=1 pnpm bench:lifecycles # with cluster hosts and one instance of each service killed, PostgreSQL restarted
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, type WorkflowClient } from '@temporalio/client';
import type { Payload } from '@portal/shared/payload-codec';
import mongoose from 'mongoose';
import { ApiError } from '@portal/system-tests/api-client';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, signInAsAdmin, type SinkMessage } from '@portal/system-tests/fixtures';
import { chaosChecks } from './chaos-checks';
import { startChaosInfra } from './chaos-infra';
import { devBlows, productionBlows, runChaos, throughChaos, type Blow, type ChaosCounts } from './chaos';
import { PRODUCTION_INSTANCES, startProductionBenchInfra } from './production-infra';
import { MINUTE_LIFECYCLES, startBenchPortal } from './harness';
import { bareStartsPerSecond, cpuMsByPart, cpuSpentLine, eventTimeMs, figures, inPool, runMark, workflowsWorkerRssMiB } from './measure';

const LIFECYCLES = Number(process.env.BENCH_LIFECYCLES ?? 1000);
/** Rounds run one after the other, each on a fresh portal: without texts, with them (every candidate opted in), or both. */
const SMS_ROUNDS: boolean[] = process.env.BENCH_SMS === 'compare' ? [false, true] : [process.env.BENCH_SMS === '1'];
/** The topologies to run on, in order (`dev`: the test harness's stack; `production`: production-infra.ts). */
const TOPOLOGIES = (process.env.BENCH_TOPOLOGY ?? 'dev').split(',').map((name) => {
  if (name !== 'dev' && name !== 'production') throw new Error(`BENCH_TOPOLOGY: ${name} is neither dev nor production`);
  return name;
});
const ROUNDS = TOPOLOGIES.flatMap((topology) => SMS_ROUNDS.map((sms) => ({ topology, sms })));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// The workers stopped (SIGSTOP) while HR invites and let go after: the starts figure is then the
// invitations' own cost, as where the workers run on machines of their own, not the share of two
// cores they get beside the workers catching up (docs/adr/0046). The lifecycles' first steps wait
// in Temporal meanwhile and run when the workers go on.
const WORKERS_APART = process.env.BENCH_WORKERS_APART === '1';
// Whole minutes, so each reminder's subject ("starts in 2 minutes") names its offset.
const OFFSETS_MIN = [3, 2, 1];
// Every booking starts at least this far ahead, so no offset is already past when the booking
// lands and is skipped (by design); a minute of margin covers a booking's latency under load.
const LEAD_MS = 4 * 60_000;
// Marks this run's service processes, to find the workflows worker among them in /proc.
const RUN_MARK = runMark('lifecycles');
const workerRssMiB = () => workflowsWorkerRssMiB('lifecycles');

const log = (line: string) => console.error(`[bench] ${line}`);


/**
 * Counts (interview, offset) pairs that reached the sink more than once, and prints for each the
 * arrivals and what the message log recorded, so a repeat can be explained, not just counted.
 */
async function reportRepeats(reminders: SinkMessage[]): Promise<number> {
  const byReminder = new Map<string, SinkMessage[]>();
  for (const message of reminders) {
    const key = `${message.Metadata.interviewId ?? '?'} ${/starts in (\d+) minute/.exec(message.Subject)?.[1] ?? '?'} min`;
    byReminder.set(key, [...(byReminder.get(key) ?? []), message]);
  }
  const repeated = [...byReminder].filter(([, messages]) => messages.length > 1);
  if (repeated.length === 0) return 0;
  const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  try {
    for (const [key, messages] of repeated) {
      const interviewId = messages[0]?.Metadata.interviewId ?? '';
      const rows = await connection.db?.collection('messages').find({ interviewId, kind: 'reminder' }).toArray();
      const takeovers = await connection.db
        ?.collection('message_send_takeovers')
        .find({ _id: { $regex: `^${interviewId}\\|` } as never })
        .toArray();
      log(`repeated reminder ${key}: arrivals ${messages.map((m) => `${m.SubmittedAt} ${m.MessageID}`).join(', ')}`);
      for (const row of [...(rows ?? []), ...(takeovers ?? [])]) log(`  ${JSON.stringify(row)}`);
    }
  } finally {
    await connection.close();
  }
  return repeated.length;
}

/**
 * Why planned reminders are missing at the sink, from each lifecycle's own state (the `state`
 * query): an offset already past when the booking landed is skipped by design; one the workflow
 * planned and marked sent but that never arrived is a lost email. For each lost one the history
 * tells what its send answered: `NO_LONGER_DUE` is a held reminder whose interview had moved or
 * ended by the time its send ran (late past the interview, under chaos), not a send gone missing.
 */
async function explainMissing(interviewIds: string[]): Promise<{ skipped: number; lost: number; noLongerDue: number }> {
  const connection = await Connection.connect({ address: portal.temporalAddress });
  try {
    const client = portalTemporalClient(connection);
    let skipped = 0;
    let lost = 0;
    let noLongerDue = 0;
    for (const interviewId of interviewIds) {
      const workflowId = `interview-${interviewId}`;
      const state = await client.workflow.getHandle(workflowId).query<{ remindersPlanned: number[] }>('state');
      const planned = state.remindersPlanned.length;
      const arrived = arrivedFor.get(interviewId) ?? 0;
      skipped += OFFSETS_MIN.length - planned;
      lost += Math.max(0, planned - arrived);
      if (planned <= arrived) continue;
      const answers = await reminderSendAnswers(client.workflow, workflowId);
      noLongerDue += answers.filter((answer) => answer.status === 'NO_LONGER_DUE').length;
      const told = answers
        .filter((answer) => answer.status !== 'SENT')
        .map((answer) => `${answer.summary} answered ${answer.status} ${answer.afterDueS.toFixed(0)} s after it was due`);
      log(`interview ${interviewId}: ${planned} reminders planned, ${arrived} arrived${told.length ? `; ${told.join('; ')}` : ''}`);
    }
    return { skipped, lost, noLongerDue };
  } finally {
    await connection.close();
  }
}

/**
 * The answers of a lifecycle's reminder sends, from its history, with when each answered after its
 * reminder was due (`sendAt`). Payloads are read with the client's own converter and codecs.
 */
async function reminderSendAnswers(workflows: WorkflowClient, workflowId: string): Promise<{ summary: string; status: string; afterDueS: number }[]> {
  const { payloadCodecs, payloadConverter } = workflows.options.loadedDataConverter;
  const decode = async <T>(payload: Payload | null | undefined): Promise<T | undefined> => {
    if (!payload) return undefined;
    let payloads = [payload];
    for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    return payloads[0] ? payloadConverter.fromPayload<T>(payloads[0]) : undefined;
  };
  const events = (await workflows.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduled = new Map<string, { sendAt?: string; summary: string }>();
  const answers: { summary: string; status: string; afterDueS: number }[] = [];
  for (const event of events) {
    const asked = event.activityTaskScheduledEventAttributes;
    if (asked?.activityType?.name === 'sendEmail') {
      const input = await decode<{ kind: string; sendAt?: string }>(asked.input?.payloads?.[0]);
      const summary = (await decode<string>(event.userMetadata?.summary)) ?? 'send';
      if (input?.kind === 'reminder') scheduled.set(String(event.eventId), { summary, ...(input.sendAt ? { sendAt: input.sendAt } : {}) });
    }
    const done = event.activityTaskCompletedEventAttributes;
    const send = done && scheduled.get(String(done.scheduledEventId));
    if (!done || !send) continue;
    const result = await decode<{ status: string }>(done.result?.payloads?.[0]);
    answers.push({ summary: send.summary, status: result?.status ?? '?', afterDueS: send.sendAt ? (eventTimeMs(event.eventTime) - Date.parse(send.sendAt)) / 1000 : 0 });
  }
  return answers;
}
const arrivedFor = new Map<string, number>();

/** A refusal ends a booking's tries under chaos; UNAVAILABLE ("did not answer in time, reload and try again") is tried again, as a candidate would. */
const isRefusal = (error: unknown) => error instanceof ApiError && error.domainCode !== null && error.domainCode !== 'UNAVAILABLE';

/**
 * The start the lifecycle holds, from its `state` query, or null when nothing is booked. A query
 * needs a workflows worker, and under chaos there may be none for a while; a first try sent before
 * a blow may land later still: asked up to 10 times, 3 s apart.
 */
async function bookedStart(interviewId: string): Promise<number | null> {
  for (let tries = 1; tries <= 10; tries += 1) {
    if (tries > 1) await sleep(3_000);
    const connection = await Connection.connect({ address: portal.temporalAddress }).catch(() => null);
    try {
      const state = connection
        ? await portalTemporalClient(connection).workflow.getHandle(`interview-${interviewId}`).query<{ slot: { start: string } | null }>('state')
        : null;
      // A null slot: the first try's update may still be on its way in (it was sent before the blow).
      if (state?.slot) return Date.parse(state.slot.start);
    } catch (error) {
      if (tries === 10) log(`interview ${interviewId}: no answer to the state query (${String(error)})`);
    } finally {
      await connection?.close();
    }
  }
  return null;
}

/** p50 and p99 of the invitations' answer times (each HR invite call, with the others in flight). */
function startLatencyLine(values: number[]): string {
  const f = figures(values, 0, 1);
  return `p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms (${values.length})`;
}

/** p50, p99 and max of a set of lateness values, or "none" when empty. */
function latenessLine(values: number[]): string {
  if (values.length === 0) return 'none';
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const f = figures(values, 0, 1);
  return `p50 ${s(f.p50Ms)}, p99 ${s(f.p99Ms)}, max ${s(Math.max(...values))} (${values.length})`;
}

const benchStarted = Date.now();
const CHAOS = process.env.BENCH_CHAOS === '1';
/** The round's portal: each round starts its own, so a round never shares its cores with the one before. */
let portal: Awaited<ReturnType<typeof startBenchPortal>>;
for (const [round, { topology, sms }] of ROUNDS.entries()) {
  // The chaos run restarts Temporal and the database, so both must keep their data: its own servers,
  // durable as the portal's own (Temporal in a SQLite file, PostgreSQL with fsync on). BENCH_DURABLE=1
  // runs on those servers without the blows, to measure on the stores the portal runs on. Each
  // round has servers and a portal of its own: a round run on the one before would share the cores
  // with that round's lifecycles, still open until their windows close. The production topology's
  // servers are durable always.
  const production = topology === 'production' ? await startProductionBenchInfra(log) : undefined;
  const durableInfra = !production && (CHAOS || process.env.BENCH_DURABLE === '1') ? await startChaosInfra(log) : undefined;
  const stores = production ?? durableInfra;
  const before = { MONGO_URL: process.env.MONGO_URL, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS };
  if (stores) Object.assign(process.env, { MONGO_URL: stores.mongoUrl, TEMPORAL_ADDRESS: stores.temporalAddress });
  portal = await startBenchPortal('lifecycles', {
    ...RUN_MARK,
    ...MINUTE_LIFECYCLES,
    REMINDER_OFFSETS_MINUTES: OFFSETS_MIN.join(','),
    // Besides its three reminders, each lifecycle mails its candidate and its interviewer invitations,
    // confirmations and, after its one-minute window, what follows it. The sink must keep them all:
    // a full sink drops its oldest, and a chaos run, waiting for late reminders while the windows
    // close, lost reminders from the sink that way (never from the message log).
  }, {
    capacity: 12 * LIFECYCLES + 1_000,
    ...(production ? { instances: PRODUCTION_INSTANCES, front: { bookingUrl: production.bookingUrl, bookingPorts: production.bookingPorts } } : {}),
  });
  try {
    arrivedFor.clear();
    const blows = !CHAOS ? undefined : production ? productionBlows(portal, production) : durableInfra ? devBlows(portal, durableInfra) : undefined;
    const storesSaid = production
      ? `the production topology: a Temporal cluster (frontend, history and matching ×2, worker ×1, 64 shards) on durable PostgreSQL with FerretDB, ${PRODUCTION_INSTANCES} of each service, booking behind nginx`
      : durableInfra
        ? 'durable: Temporal in a SQLite file, PostgreSQL with fsync on (as scripts/start.sh runs them)'
        : "the test harness's: Temporal in memory, PostgreSQL with fsync off";
    await runRound(await signInAsAdmin(portal.api), round, sms, blows, storesSaid);
  } finally {
    await portal.stop();
    await production?.stop();
    await durableInfra?.stop();
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A German mobile number per candidate of a round (valid for libphonenumber: 151 and eight digits). */
function phoneOf(round: number, i: number): string {
  return `+49151${round + 1}${String(i).padStart(7, '0')}`;
}

/** One round: invite, book (opted in to texts when `sms`), wait for every reminder, print the figures. */
async function runRound(hr: Awaited<ReturnType<typeof signInAsAdmin>>, round: number, sms: boolean, chaosBlows: Blow[] | undefined, storesSaid: string): Promise<void> {
  const rss = { idle: workerRssMiB(), peak: 0 };
  const sampler = setInterval(() => {
    rss.peak = Math.max(rss.peak, workerRssMiB());
  }, 1_000);
  const ids = Array.from({ length: LIFECYCLES }, (_, i) => i);
  // One interviewer each, new each round: a claim holds whole 5-minute cells, so candidates never contend.
  const interviewers = await inPool(ids, CONCURRENCY, (i) => alwaysAvailableInterviewer(hr, `Bench Interviewer ${round}.${i}`));

  log(`${LIFECYCLES} interviewers ready`);
  const floorConnection = await Connection.connect({ address: portal.temporalAddress });
  const floorStarts = await bareStartsPerSecond(portalTemporalClient(floorConnection), Math.min(LIFECYCLES, 300), CONCURRENCY, 'lifecycles').finally(() => floorConnection.close());
  log(`floor: ${floorStarts.toFixed(1)} bare workflow starts/s`);
  const letGo = WORKERS_APART ? (['workflows', 'notifications'] as const).map((service) => portal.hold(service)) : [];
  const invitesStarted = Date.now();
  // What each part of the stack spends while the invitations run: the starts figure is how much of
  // the two cores the invitations get beside the workers (docs/adr/0046).
  const cpuAtInvites = cpuMsByPart();
  const inviteLatencies: number[] = [];
  let [inviteSeconds, cpuAfterInvites] = [0, cpuAtInvites];
  const invited = await inPool(ids, CONCURRENCY, async (i) => {
    const asked = performance.now();
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: `Bench Candidate ${i}`,
      candidateEmail: `bench.${round}.${i}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'technical',
      interviewerIds: [interviewers[i]?.id],
    });
    inviteLatencies.push(performance.now() - asked);
    return interviewId;
  }).finally(() => {
    inviteSeconds = (Date.now() - invitesStarted) / 1000;
    cpuAfterInvites = cpuMsByPart();
    for (const goOn of letGo) goOn();
  });
  const inviteCpu = cpuSpentLine(cpuAtInvites, cpuAfterInvites, LIFECYCLES, inviteSeconds);
  log(`${LIFECYCLES} lifecycles started in ${inviteSeconds.toFixed(1)} s; invite latency ${startLatencyLine(inviteLatencies)}`);

  // Booking needs the link, which the workflow mails: read each invitation back from the sink.
  const tokens = await inPool(invited, CONCURRENCY, async (interviewId) => {
    for (let tries = 0; tries < 600; tries += 1) {
      const response = await fetch(`${portal.sinkUrl}/api/messages?interviewId=${interviewId}&tag=invitation`);
      const [message] = ((await response.json()) as { messages: SinkMessage[] }).messages;
      const token = /\/b\/([A-Za-z0-9_\-.]+)/.exec(message?.TextBody ?? '')?.[1];
      if (token) return token;
      await sleep(500);
    }
    throw new Error(`no invitation for ${interviewId}`);
  });

  const booksStarted = Date.now();
  // What each part spends from the first booking to the last reminder at the sink: what texts add to a lifecycle, and where.
  const cpuAtBookings = cpuMsByPart();
  // Blows fall from the first booking until about when the last reminder is due.
  const chaos: Promise<ChaosCounts> | undefined =
    chaosBlows ? runChaos(chaosBlows, booksStarted, booksStarted + (LIFECYCLES / 10) * 1000 + LEAD_MS, log) : undefined;
  const starts = new Map<string, number>();
  const refused = new Map<string, number>();
  await inPool(invited, CONCURRENCY, async (interviewId, i) => {
    const start = Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000;
    const texts = sms ? { phone: phoneOf(round, i), sms: true } : {};
    const book = () => portal.api.mutation('candidate.book', { token: tokens[i], start: new Date(start).toISOString(), ...texts });
    try {
      await (chaos ? throughChaos(book, isRefusal) : book());
      starts.set(interviewId, start);
    } catch (error) {
      // Under chaos, a booking retried after it had landed is refused: the workflow says what it holds.
      const held = chaos ? await bookedStart(interviewId) : null;
      if (held !== null) {
        starts.set(interviewId, held);
        return;
      }
      // Every candidate has an interviewer of their own, so any refusal here is a finding: count it.
      const code = error instanceof ApiError ? (error.domainCode ?? error.code) : String(error);
      refused.set(code, (refused.get(code) ?? 0) + 1);
    }
  });
  const booksEnded = Date.now();
  const bookSeconds = (booksEnded - booksStarted) / 1000;
  const lastDue = Math.max(...starts.values()) - (OFFSETS_MIN.at(-1) ?? 0) * 60_000;
  log(`${starts.size} of ${LIFECYCLES} booked in ${bookSeconds.toFixed(1)} s; the last reminder is due at ${new Date(lastDue).toISOString()}`);

  // The sink runs in this process: leave it alone (no polling) until the last reminder is due.
  const expected = starts.size * OFFSETS_MIN.length;
  await sleep(Math.max(0, lastDue - Date.now()));
  const blows = await chaos;
  const ofRound = new Set(invited);
  let reminders: SinkMessage[] = [];
  let texts: ReturnType<typeof textReminders> = [];
  for (const giveUp = Date.now() + 5 * 60_000; Date.now() < giveUp; await sleep(2_000)) {
    reminders = ((await (await fetch(`${portal.sinkUrl}/api/messages?tag=reminder`)).json()) as { messages: SinkMessage[] }).messages.filter((m) =>
      ofRound.has(m.Metadata.interviewId ?? ''),
    );
    texts = sms ? textReminders(await sinkTexts(), round, invited) : [];
    if (reminders.length >= expected && texts.length >= (sms ? expected : 0)) break;
  }
  clearInterval(sampler);
  rss.peak = Math.max(rss.peak, workerRssMiB());
  const sendingCpu = cpuSpentLine(cpuAtBookings, cpuMsByPart(), LIFECYCLES, (Date.now() - booksStarted) / 1000);

  const arrivals = reminders.flatMap((m) => {
    const start = starts.get(m.Metadata.interviewId ?? '');
    const offset = Number(/starts in (\d+) minute/.exec(m.Subject)?.[1]);
    if (start === undefined || Number.isNaN(offset)) return [];
    const due = start - offset * 60_000;
    return [{ due, lateness: Date.parse(m.SubmittedAt) - due }];
  });
  const lateness = arrivals.map((a) => a.lateness);
  const textLateness = texts.flatMap((text) => {
    const start = starts.get(text.interviewId);
    return start === undefined ? [] : [Date.parse(text.date_created) - (start - text.offsetMinutes * 60_000)];
  });
  const textsTwice = texts.length - new Set(texts.map((t) => `${t.interviewId} ${t.offsetMinutes}`)).size;
  // Bookings load the same two cores the timers need: reminders due while they ran are apart.
  const duringBookings = arrivals.filter((a) => a.due < booksEnded).map((a) => a.lateness);
  const afterBookings = arrivals.filter((a) => a.due >= booksEnded).map((a) => a.lateness);
  const twice = await reportRepeats(reminders);
  for (const m of reminders) arrivedFor.set(m.Metadata.interviewId ?? '', (arrivedFor.get(m.Metadata.interviewId ?? '') ?? 0) + 1);
  const short = [...starts.keys()].filter((id) => (arrivedFor.get(id) ?? 0) < OFFSETS_MIN.length);
  const missing = await explainMissing(short);
  const startsPerSecond = LIFECYCLES / inviteSeconds;
  console.log(`
round                 ${round + 1} of ${ROUNDS.length}: ${ROUNDS[round]?.topology ?? 'dev'} topology; ${sms ? 'every candidate opted in to texts (three SMS reminders beside the emails)' : 'no texts'}
lifecycles            ${LIFECYCLES}, reminders ${OFFSETS_MIN.join(', ')} min before a start ${LEAD_MS / 1000}+ s after booking; ${CONCURRENCY} API clients
stores                ${storesSaid}
lifecycle starts      ${startsPerSecond.toFixed(1)} /s  (HR invite: interview insert + workflow start${WORKERS_APART ? '; the workers held meanwhile' : ''}); floor ${floorStarts.toFixed(1)} /s bare workflow starts, ratio ${(floorStarts / startsPerSecond).toFixed(1)}x
  invite latency      ${startLatencyLine(inviteLatencies)}
  CPU while inviting  ${inviteCpu} (per invitation)
bookings              ${(LIFECYCLES / bookSeconds).toFixed(1)} /s  (candidate book: workflow update with slot claim); refused: ${
    [...refused].map(([code, n]) => `${n} ${code}`).join(', ') || 'none'
  }
  CPU from booking on ${sendingCpu} (per lifecycle, until its last reminder)
workflows worker RSS  idle ${rss.idle.toFixed(0)} MiB, peak ${rss.peak.toFixed(0)} MiB, at the end ${workerRssMiB().toFixed(0)} MiB
reminders at the sink ${reminders.length} of ${expected}; sent more than once: ${twice}; skipped because already past when the booking landed: ${missing.skipped}; planned but never arrived: ${missing.lost} (answered NO_LONGER_DUE: ${missing.noLongerDue})
reminder lateness     all: ${latenessLine(lateness)}  (sink SubmittedAt minus due time)
  due while booking   ${latenessLine(duringBookings)}
  due after bookings  ${latenessLine(afterBookings)}${
    sms ? `\ntexts at the sink     ${texts.length} of ${expected} SMS reminders; sent more than once: ${textsTwice}\nSMS reminder lateness ${latenessLine(textLateness)}  (sink date_created minus due time)` : ''
  }
whole run             ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min`);
  if (blows) {
    const checks = await chaosChecks(portal.mongoUrl, portal.temporalAddress, invited);
    const delivered = new Set(reminders.map((m) => `${m.Metadata.interviewId ?? '?'} ${m.Subject}`)).size;
    for (const line of checks.details) log(`differs: ${line}`);
    console.log(`chaos                 ${blows.kills} kills, ${blows.restarts} restarts (${blows.log.join('; ')})
  reminders           expected ${expected - missing.skipped}, delivered ${delivered}, doubled ${twice}, lost ${missing.lost}
  booked slots held by more than one interview: ${checks.slotsHeldTwice}; documents whose status differs from their workflow's state: ${checks.mismatched}`);
  }
}

interface SinkText {
  to: string;
  body: string;
  date_created: string;
}

async function sinkTexts(): Promise<SinkText[]> {
  return ((await (await fetch(`${portal.sinkUrl}/sms`)).json()) as { messages: SinkText[] }).messages;
}

/** A round's SMS reminders, each matched to its interview by the number and to its offset by its words ("starts in 2 minutes"). */
function textReminders(all: SinkText[], round: number, invited: string[]): (SinkText & { interviewId: string; offsetMinutes: number })[] {
  const byPhone = new Map(invited.map((interviewId, i) => [phoneOf(round, i), interviewId]));
  return all.flatMap((text) => {
    const interviewId = byPhone.get(text.to);
    const offset = /^Reminder:.* starts in (\d+) minute/.exec(text.body)?.[1];
    return interviewId === undefined || offset === undefined ? [] : [{ ...text, interviewId, offsetMinutes: Number(offset) }];
  });
}
