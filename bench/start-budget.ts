/**
 * What a lifecycle start can reach on this machine, and what the invite's own calls cost, in CPU
 * across every process (`/proc`), beside bare workflow starts measured in the same run:
 * - bare starts (no worker), the floor lifecycle starts are compared with;
 * - the invite's database and Temporal calls as `hr.interviews.invite` makes them, without HTTP:
 *   the session and its user, the pool, the lock, the list move, the document, the audit row and
 *   a start with a lifecycle's input through the portal's payload codec (no worker);
 * - the least lifecycles there are, with their worker running in this process: a start and its
 *   first timer; a start, one activity (the invitation) and its timer;
 * - one `_id` read, one interview insert and one such start alone;
 * - bare starts again, last: the dev server's store grows through the run, and later rows with it.
 * Then the budget: at 40 % of bare starts, all a lifecycle does may cost 2.5 bare starts of CPU.
 * Printed, never asserted.
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/start-budget.ts   # BENCH_STARTS=600
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { databaseOn } from '@portal/db';
import { activeLockKey } from '@portal/db/documents';
import { newInterviewDocument } from '@portal/db/new-interview';
import { activeInterviewers } from '@portal/db/interviewers';
import { listMoves, recordListMoves } from '@portal/db/interview-list';
import { lifecycleSummary } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { startTestInfra } from '@portal/devstack/test-infra';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { benchWorker } from './bench-worker';
import { benchDatabaseUrl } from './harness';
import { cpuMsByProcess, inPool } from './measure';
import type { BudgetActivities } from './start-budget-workflows';

const STARTS = Number(process.env.BENCH_STARTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SETTLE_MS = 10_000;
const log = (line: string) => console.error(`[bench] ${line}`);

interface Cost {
  perSecond: number;
  /** CPU per call, all processes, while the calls ran. */
  cpuMs: number;
  /** The same with what the calls left behind (workflow tasks, activities) done, idle time taken out. */
  settledCpuMs: number;
  byProcess: string;
}

const total = (reading: Map<string, number>) => [...reading.values()].reduce((a, b) => a + b, 0);

/** CPU of the whole machine per ms when nothing runs: the servers' own ticking. */
async function idleCpuPerMs(): Promise<number> {
  const before = total(cpuMsByProcess());
  await sleep(3_000);
  return (total(cpuMsByProcess()) - before) / 3_000;
}

/** `count` calls at CONCURRENCY: calls/s and CPU per call, during the calls and once settled. */
async function cost(count: number, call: (i: number) => Promise<unknown>, settled: () => boolean = () => true): Promise<Cost> {
  const idle = await idleCpuPerMs();
  const before = cpuMsByProcess();
  const started = Date.now();
  await inPool(Array.from({ length: count }, (_, i) => i), CONCURRENCY, call);
  const elapsed = Date.now() - started;
  const during = cpuMsByProcess();
  while (!settled()) await sleep(200);
  await sleep(SETTLE_MS);
  const after = cpuMsByProcess();
  const delta = [...during].map(([name, ms]) => [name, (ms - (before.get(name) ?? ms)) / count] as const).filter(([, ms]) => ms >= 0.05);
  return {
    perSecond: count / (elapsed / 1000),
    cpuMs: (total(during) - total(before)) / count,
    settledCpuMs: (total(after) - total(before) - idle * (Date.now() - started - elapsed)) / count,
    byProcess: delta.sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', '),
  };
}

const infra = await startTestInfra((line) => console.error(`[infra] ${line}`));
try {
  const mongo = await mongoose.createConnection(benchDatabaseUrl(infra.mongoUrl, 'budget'), { autoIndex: false }).asPromise();
  const db = await databaseOn(mongo);
  const connection = await Connection.connect({ address: infra.temporalAddress });
  const bare = new Client({ connection });
  const portal = portalTemporalClient(connection);
  const taskQueue = `bench-budget-${process.pid}`;
  let activitiesDone = 0;
  const activities: BudgetActivities = {
    async budgetNoop() {
      activitiesDone += 1;
    },
  };
  const { worker, connection: workerConnection } = await benchWorker(infra.temporalAddress, taskQueue, fileURLToPath(new URL('./start-budget-workflows.ts', import.meta.url)), activities);
  const running = worker.run();
  const startedIds: string[] = [];
  const start = (type: string, queue: string) => async (i: number) => {
    const workflowId = `bench-budget-${process.pid}-${type}-${Date.now()}-${i}`;
    startedIds.push(workflowId);
    await bare.workflow.start(type, { taskQueue: queue, workflowId });
  };

  // The portal's documents a signed-in invite reads: one HR user with a session, one interviewer.
  const now = new Date();
  await db.hrUsers.create({ _id: 'budget-hr', email: 'hr@example.test', role: 'admin', passwordHash: 'x', createdAt: now, disabled: false, lastSignInAt: null });
  await db.hrSessions.create({ _id: 'budget-session', userId: 'budget-hr', email: 'hr@example.test', role: 'admin', createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000) });
  await db.interviewers.create({
    _id: 'budget-interviewer', name: 'Interviewer', email: 'interviewer@example.test', timezone: 'Europe/London', active: true,
    weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 8, updatedAt: now,
  });
  const inviteDocument = (i: number) =>
    newInterviewDocument(
      {
        _id: randomUUID(), candidateName: `Budget Candidate ${i}`, candidateEmail: `budget.${i}@example.test`, candidateTimezone: 'Europe/London',
        position: 'Backend Engineer', kind: 'technical', durationMinutes: 60, interviewerIds: ['budget-interviewer'], panelSize: 1, attempt: 1,
        previousInterviewId: null, rescheduleLimit: 2, meetingUrl: 'https://meet.example.test/x',
      },
      new Date(),
    );
  // A lifecycle's input as the invite builds it (services/booking/src/invitations/invite.ts), about 1 KB.
  const lifecycleInput = (doc: ReturnType<typeof inviteDocument>) => ({
    interviewId: doc._id, candidateName: doc.candidateName, candidateEmail: doc.candidateEmail, candidateSearchKey: 'k'.repeat(43),
    candidateTimezone: doc.candidateTimezone, position: doc.position, kind: doc.kind, kindLabel: 'Technical interview', attempt: 1,
    previousInterviewId: null, rescheduleLimit: 2, panelSize: 1, interviewerIds: doc.interviewerIds, durationMinutes: 60,
    hrEmail: 'hr@example.test', meetingUrl: doc.meetingUrl, notificationsTaskQueue: 'notifications',
    timings: {
      invitationExpiryMs: 604_800_000, reminderOffsetsMs: [86_400_000, 3_600_000], changeCutoffMs: 86_400_000, joinOpensBeforeMs: 600_000,
      graceAfterEndMs: 900_000, retakeCooldownMs: 0, retakeWindowMs: 2_592_000_000, maxAttempts: 3,
      slotRules: { stepMinutes: 30, minNoticeMinutes: 720, horizonDays: 21 }, interviewerReminderMs: 900_000, feedbackNudgeMs: 86_400_000,
      feedbackHrNudgeMs: 172_800_000, decisionDue: { workingDays: 3 }, feedbackLinkMs: 1_209_600_000, mailQueueTimeoutMs: 300_000, reminderLeadMs: 60_000,
    },
  });
  const portalStart = (doc: ReturnType<typeof inviteDocument>) => {
    const input = lifecycleInput(doc);
    startedIds.push(interviewWorkflowId(doc._id));
    return portal.workflow.start('interviewLifecycle', {
      taskQueue: `${taskQueue}-unpolled`, workflowId: interviewWorkflowId(doc._id), args: [input],
      staticSummary: lifecycleSummary(input), memo: { previousWorkflowId: null },
    });
  };
  /** The invite's calls in its order (services/booking/src/invitations/invite.ts), without HTTP, tRPC or input checks. */
  const inviteCalls = async (i: number) => {
    const session = await db.hrSessions.findById('budget-session').lean();
    await db.hrUsers.findById(session?.userId).lean();
    await activeInterviewers(db, ['budget-interviewer']);
    const doc = inviteDocument(i);
    await Promise.all([
      db.activeLocks.create({ _id: activeLockKey(doc.candidateEmail, doc.position), interviewId: doc._id, createdAt: new Date() }),
      recordListMoves(db, `${doc._id}:0`, listMoves(doc, null, doc)),
      db.interviews.create(doc),
    ]);
    await Promise.all([
      db.auditEvents.create({ _id: `${doc._id}:0`, interviewId: doc._id, at: doc.createdAt, actor: 'hr@example.test', type: 'INVITE', fromStatus: null, toStatus: 'INVITED', detail: 'invited' }),
      portalStart(doc),
    ]);
  };

  const rows: Array<[string, Cost]> = [];
  const measure = async (label: string, calls: (i: number) => Promise<unknown>, settled?: () => boolean) => {
    const result = await cost(STARTS, calls, settled);
    log(`${label}: ${result.perSecond.toFixed(1)}/s, ${result.cpuMs.toFixed(1)} ms CPU each (${result.byProcess})`);
    rows.push([label, result]);
    return result;
  };
  const floor = await measure('bare start (no worker)', start('benchBare', `${taskQueue}-unpolled`));
  // Next to the floor: the dev server's store grows with every row, and the rows after drift with it.
  const invite = await measure("the invite's calls, no HTTP", inviteCalls);
  await measure('start + its timer (worker)', start('timerLifecycle', taskQueue));
  const mailed = activitiesDone + STARTS;
  await measure('start + 1 activity + timer (worker)', start('activityLifecycle', taskQueue), () => activitiesDone >= mailed);
  await measure('one read by _id', () => db.hrSessions.findById('budget-session').lean());
  await measure('one interview insert', (i) => db.interviews.create(inviteDocument(i)));
  await measure('one lifecycle start (1 KB input)', () => portalStart(inviteDocument(0)));
  // The floor again shows how far the later rows drifted.
  await measure('bare start again, last', start('benchBare', `${taskQueue}-unpolled`));
  const bareCpu = floor.settledCpuMs;

  worker.shutdown();
  await running;
  await inPool(startedIds, CONCURRENCY, (id) => bare.workflow.getHandle(id).terminate('bench done').catch(() => undefined));
  await Promise.all([connection.close(), workerConnection.close(), mongo.close()]);

  const pct = (perSecond: number) => `${((100 * perSecond) / floor.perSecond).toFixed(0).padStart(4)} %`;
  console.log(`
start budget          ${STARTS} calls per row at ${CONCURRENCY} at once; CPU of every process per call (/proc)
${'calls'.padEnd(38)}${'per s'.padStart(7)}   of bare   CPU during   CPU settled
${rows
  .map(([label, r]) => `${label.padEnd(38)}${r.perSecond.toFixed(1).padStart(7)}   ${pct(r.perSecond)}   ${r.cpuMs.toFixed(1).padStart(7)} ms   ${r.settledCpuMs.toFixed(1).padStart(8)} ms`)
  .join('\n')}

budget: at 40 % of bare starts a lifecycle may cost ${(bareCpu / 0.4).toFixed(1)} ms of CPU in all (2.5 bare starts of ${bareCpu.toFixed(1)} ms);
        the invite's calls alone cost ${invite.settledCpuMs.toFixed(1)} ms (${((100 * bareCpu) / invite.settledCpuMs).toFixed(0)} % of bare at most), before HTTP and before any worker runs`);
} finally {
  await infra.stop();
}
