/**
 * Reminder capacity: reminders fall due at a rising rate (5, 10, 20, 40, 80 a second, a minute
 * each), and per step it prints delivered/s and lateness p50/p99 (sink SubmittedAt minus due
 * time), beside the floor measured in the same run at the same rates: bare workflows that sleep on
 * a timer and then run one no-op activity. The capacity is the highest step whose p99 lateness
 * stays within 1 s. Printed, never asserted.
 *
 *   pnpm bench:capacity       # BENCH_STEP_SECONDS=15 BENCH_RATES=5,10,20 for a quicker look
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { openDatabase } from '@portal/db';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, signInAsAdmin, type SinkMessage } from '@portal/system-tests/fixtures';
import { runFloor } from './capacity-floor';
import { PER_DAY, bookReminderLifecycles } from './capacity-lifecycles';
import { capacity, rampSchedule, stepFigures, stepLine } from './capacity-schedule';
import { inPool } from './measure';
import { latenessBreakdown } from './capacity-breakdown';
import { startBenchPortal } from './harness';

const RATES = (process.env.BENCH_RATES ?? '5,10,20,40,80').split(',').map(Number);
const STEP_MS = Number(process.env.BENCH_STEP_SECONDS ?? 60) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Lifecycles booked a second while setting up, to place the ramp after the setup; a slower
// setup leaves the first reminders already past (skipped, so counted lost): raise it then.
const SETUP_PER_SECOND = Number(process.env.BENCH_SETUP_PER_SECOND ?? 10);
// As booking's REMINDER_LEAD_SECONDS (90 by default): each reminder is handed over that long
// before its moment and held until it (docs/adr/0009). 0 measures the path without the hand-over.
const REMINDER_LEAD_MS = Number(process.env.REMINDER_LEAD_SECONDS ?? 90) * 1000;
const log = (line: string) => console.error(`[bench] ${line}`);

const total = RATES.reduce((sum, rate) => sum + Math.round((rate * STEP_MS) / 1000), 0);
const benchStarted = Date.now();
const portal = await startBenchPortal('capacity', { LOG_LEVEL: 'error' }, { capacity: 4 * total + 1_000 });
try {
  // The floor first, while nothing else runs; its setup (bare starts) takes seconds.
  const floorStart = Date.now() + Math.ceil(total / 100) * 1000 + 10_000;
  const floorSchedule = rampSchedule(RATES, STEP_MS, floorStart);
  log(`floor: ${total} timer workflows, ramp from ${new Date(floorStart).toISOString()}`);
  const floorLateness = await runFloor(portal.temporalAddress, floorSchedule, CONCURRENCY);
  const floor = stepFigures(RATES, STEP_MS, floorStart, floorSchedule, floorLateness);

  const hr = await signInAsAdmin(portal.api);
  const interviewerCount = Math.ceil(total / (PER_DAY * 3));
  const interviewers = await inPool(Array.from({ length: interviewerCount }, (_, i) => i), CONCURRENCY, (i) =>
    alwaysAvailableInterviewer(hr, `Capacity Interviewer ${i}`, PER_DAY),
  );
  const db = await openDatabase(portal.mongoUrl);
  const connection = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(connection);
  const setupStarted = Date.now();
  // The first hand-overs come REMINDER_LEAD_MS before the ramp: after the setup, not beside it.
  const rampStart = setupStarted + Math.ceil(total / SETUP_PER_SECOND) * 1000 + 20_000 + REMINDER_LEAD_MS;
  const schedule = rampSchedule(RATES, STEP_MS, rampStart);
  log(`reminders: ${total} lifecycles on ${interviewerCount} interviewers, ramp from ${new Date(rampStart).toISOString()}`);
  const ids = await bookReminderLifecycles(
    { db, client, interviewerIds: interviewers.map((i) => i.id), taskQueue: 'bench-capacity-lifecycle', notificationsTaskQueue: 'bench-capacity-notifications', reminderLeadMs: REMINDER_LEAD_MS },
    schedule,
    CONCURRENCY,
  );
  const setupSeconds = (Date.now() - setupStarted) / 1000;
  log(`booked in ${setupSeconds.toFixed(0)} s (${(total / setupSeconds).toFixed(1)}/s)${Date.now() > rampStart ? ': PAST the ramp start, raise BENCH_SETUP_PER_SECOND' : ''}`);
  const index = new Map(ids.map((id, i) => [id, i]));

  // The sink runs in this process: leave it alone until the last reminder is due.
  const lastDue = Math.max(...schedule.map((r) => r.dueAt));
  await sleep(Math.max(0, lastDue - Date.now()));
  let reminders: SinkMessage[] = [];
  for (const giveUp = Date.now() + 120_000; Date.now() < giveUp; await sleep(2_000)) {
    reminders = ((await (await fetch(`${portal.sinkUrl}/api/messages?tag=reminder`)).json()) as { messages: SinkMessage[] }).messages;
    if (reminders.length >= total) break;
  }
  const lateness = new Map<number, number>();
  for (const message of reminders) {
    const i = index.get(message.Metadata.interviewId ?? '');
    const due = i === undefined ? undefined : schedule[i]?.dueAt;
    if (i !== undefined && due !== undefined && !lateness.has(i)) lateness.set(i, Date.parse(message.SubmittedAt) - due);
  }
  const steps = stepFigures(RATES, STEP_MS, rampStart, schedule, lateness);
  // Where the lateness goes: until the send began (its message-log row is written first thing),
  // and the send itself (that row to the sink's SubmittedAt).
  const sendStarted = new Map<number, number>();
  for (const row of await db.messages.find({ kind: 'reminder' }, { interviewId: 1, createdAt: 1 }).lean()) {
    const i = index.get(row.interviewId);
    const due = i === undefined ? undefined : schedule[i]?.dueAt;
    if (i !== undefined && due !== undefined) sendStarted.set(i, row.createdAt.getTime() - due);
  }
  const untilSend = stepFigures(RATES, STEP_MS, rampStart, schedule, sendStarted);
  const breakdown = await latenessBreakdown(
    client,
    RATES.map((rate, step) => ({ rate, reminders: schedule.flatMap((r, i) => (r.step === step ? [{ interviewId: ids[i] ?? '', dueAt: r.dueAt - REMINDER_LEAD_MS }] : [])) })),
  );
  await connection.close();
  await db.close();

  const reminderCapacity = capacity(steps);
  const floorCapacity = capacity(floor);
  console.log(`
reminder capacity     rates ${RATES.join(', ')}/s, ${STEP_MS / 1000} s each; lateness = sink SubmittedAt (floor: activity start) minus due time
step   reminders (lifecycle, timer + send through the notifications worker)   | floor (bare workflow: timer + no-op activity)
${steps.map((step, i) => `${stepLine(step)}   | ${floor[i] ? stepLine(floor[i]).slice(6) : ''}`).join('\n')}
of which until the send began (its message-log row): ${untilSend.map((step) => `${step.rate}/s p50 ${(step.p50Ms / 1000).toFixed(2)} s p99 ${(step.p99Ms / 1000).toFixed(2)} s`).join('; ')}
where it went, from a sample of histories: timer = due${REMINDER_LEAD_MS ? ` (the hand-over, ${REMINDER_LEAD_MS / 1000} s before the moment)` : ''} to TimerFired, toTask = to the workflow task's start, task = that task, toSend = the send's schedule-to-start
${breakdown}
capacity (p99 <= 1 s) reminders ${reminderCapacity}/s, floor ${floorCapacity}/s, ratio ${floorCapacity ? ((100 * reminderCapacity) / floorCapacity).toFixed(0) : '-'}%
reminders at the sink ${reminders.length} of ${total}; lifecycles booked at ${(total / setupSeconds).toFixed(1)}/s
whole run             ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min`);
} finally {
  await portal.stop();
}
