import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE, type LifecycleInput, type LifecycleState } from '@portal/shared/lifecycle';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { workflowsPath } from '../worker';
import { workflowBundlerOptions } from '../workflow-bundle-options';

const MINUTE = 60_000;
const dataConverter = portalDataConverter(DEV_PAYLOAD_KEYS);
const taskQueue = testTaskQueue('first-task-update');
const panel = [{ interviewerId: 'grace', name: 'Grace Hopper', email: 'grace@example.test', timezone: 'UTC', calendar: false }];

/** The database steps answer at once: this is about the order of the workflow's own commands. */
const activities = {
  issueCandidateToken: async () => ({ link: 'http://localhost:5173/b/link', jti: 'jti', expiresAt: new Date(Date.now() + 30 * 1440 * MINUTE).toISOString() }),
  claimSlot: async ({ interviewId, start }: { interviewId: string; start: string }) => ({
    start,
    end: new Date(Date.parse(start) + 60 * MINUTE).toISOString(),
    interviewerId: 'grace',
    interviewerTimezone: 'UTC',
    panel,
    claimId: `${interviewId}@${start}`,
  }),
  persistChange: async () => undefined,
  releaseSlot: async () => undefined,
};

function input(interviewId: string): LifecycleInput {
  return {
    interviewId,
    candidateName: 'Ada Lovelace',
    candidateEmail: 'ada@example.test',
    candidateTimezone: 'UTC',
    position: 'Backend Engineer',
    kind: 'technical',
    kindLabel: 'Technical interview',
    attempt: 1,
    previousInterviewId: null,
    rescheduleLimit: 2,
    hrEmail: 'hr@example.test',
    meetingUrl: 'https://meet.example.test/interview/x',
    panelSize: 1,
    // Nobody polls it: the emails stay scheduled, which is all this test needs of them.
    notificationsTaskQueue: `${taskQueue}-notifications`,
    timings: {
      invitationExpiryMs: 600 * MINUTE,
      reminderOffsetsMs: [60 * MINUTE],
      changeCutoffMs: 0,
      joinOpensBeforeMs: 10 * MINUTE,
      graceAfterEndMs: 0,
      retakeCooldownMs: MINUTE,
      retakeWindowMs: 30 * 1440 * MINUTE,
      maxAttempts: 3,
      slotRules: { stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 21 },
      interviewerReminderMs: 15 * MINUTE,
      feedbackNudgeMs: 1440 * MINUTE,
      feedbackHrNudgeMs: 2880 * MINUTE,
      decisionDue: { workingDays: 2 },
      feedbackLinkMs: 7 * 1440 * MINUTE,
    },
  };
}

let client: Client;
let workflowBundle: { code: string };

beforeAll(async () => {
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  workflowBundle = await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions });
  client = new Client({ connection: await Connection.connect({ address: testTemporalAddress() }), dataConverter });
}, 120_000);

/** A worker for the queue, running while `work` runs. */
async function withWorker<T>(work: () => Promise<T>): Promise<T> {
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities, dataConverter });
  const running = worker.run();
  try {
    return await work();
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

describe('an update that reaches a lifecycle in its very first workflow task', () => {
  it('is booked after the link is issued, and the history replays (as after a cache eviction)', { timeout: 120_000 }, async () => {
    const interviewId = randomUUID();
    const start = new Date(Math.ceil((Date.now() + 2 * 1440 * MINUTE) / (60 * MINUTE)) * 60 * MINUTE).toISOString();
    // Start and update in one breath, as HR's tools or a retried request can: the update can be
    // delivered with the start, before the lifecycle has issued its link.
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(interviewId), args: [input(interviewId)] });
    const update = handle.executeUpdate<LifecycleState, [{ start: string }]>(LIFECYCLE_UPDATES.book, { args: [{ start }] });
    // No worker polls yet: the workflow's first task, when one does, carries the start and the update together.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const booked = await withWorker(() => update);
    expect(booked).toMatchObject({ status: 'SCHEDULED', linkIssued: true, slot: { start } });

    const history = await handle.fetchHistory();
    const replayed = await Worker.runReplayHistory({ workflowBundle, dataConverter }, history, handle.workflowId).then(
      () => 'replayed',
      (error: unknown) => String(error),
    );
    expect(replayed).toBe('replayed');
    expect(history.events?.[4]?.workflowExecutionUpdateAcceptedEventAttributes, 'the update was accepted in the first task').toBeTruthy();
  });
});
