import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { WEBHOOK_ENDPOINT_WORKFLOW_TYPE, webhookDeliveryStart, type WebhookDeliveryRequest } from '@portal/shared/webhook-events';
import { dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';
import type { WebhookDeliveryOutcome } from './activities-api';

const taskQueue = testTaskQueue('webhook-delivery');
let client: Client;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  ({ client, workflowBundle } = await lifecycleSandbox());
}, 120_000);

interface Attempt {
  deliveryId: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A receiver as the activities see it: each delivery takes `ms`, and the ones named fail that many times first. */
function recordingActivities(ms: number, failures: Record<string, number>, continueAfterEvents?: number) {
  const attempts: Attempt[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const activities = {
    webhookDeliverySettings: async () => ({ timeoutMs: 2_000, retryInitialMs: 100, lanes: 2, continueAfterEvents }),
    failWebhookDelivery: async () => undefined,
    async deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<WebhookDeliveryOutcome> {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      const startedAt = Date.now();
      await sleep(ms);
      inFlight -= 1;
      const left = failures[deliveryId] ?? 0;
      failures[deliveryId] = left - 1;
      attempts.push({ deliveryId, startedAt, endedAt: Date.now(), ok: left <= 0 });
      if (left > 0) throw ApplicationFailure.retryable('answered 500', 'WEBHOOK_REFUSED');
      return 'delivered';
    },
  };
  return { activities, attempts, mostAtOnce: () => mostAtOnce };
}

describe("an endpoint's delivery workflow", () => {
  it('keeps each interview in order through retries, runs interviews side by side up to its bound, and drops a repeated request', { timeout: 120_000 }, async () => {
    const endpointId = `whe_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const request = (interviewId: string, n: number): WebhookDeliveryRequest => ({ deliveryId: `dlv_${interviewId}_${n}`, eventId: `evt_${interviewId}_${n}`, interviewId });
    const requests = [request('a', 1), request('a', 2), request('b', 1), request('a', 3), request('c', 1), request('b', 2), request('a', 2)];
    const receiver = recordingActivities(150, { dlv_a_1: 2 });
    const connection = await NativeConnection.connect({ address: testTemporalAddress() });
    const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: receiver.activities, dataConverter });
    const running = worker.run();
    try {
      for (const r of requests) await client.workflow.signalWithStart(WEBHOOK_ENDPOINT_WORKFLOW_TYPE, webhookDeliveryStart(endpointId, taskQueue, r));
      const delivered = () => receiver.attempts.filter((a) => a.ok).map((a) => a.deliveryId);
      for (let waited = 0; delivered().length < 6 && waited < 60_000; waited += 100) await sleep(100);
      await sleep(500);

      const ok = receiver.attempts.filter((a) => a.ok);
      expect(ok.map((a) => a.deliveryId).sort()).toEqual(['dlv_a_1', 'dlv_a_2', 'dlv_a_3', 'dlv_b_1', 'dlv_b_2', 'dlv_c_1']);
      expect(receiver.attempts.filter((a) => a.deliveryId === 'dlv_a_1')).toHaveLength(3);
      const of = (prefix: string) => receiver.attempts.filter((a) => a.deliveryId.startsWith(prefix));
      for (const lane of ['dlv_a_', 'dlv_b_']) {
        const attempts = of(lane);
        for (let i = 1; i < attempts.length; i += 1) {
          const [before, after] = [attempts[i - 1], attempts[i]];
          expect((after?.deliveryId ?? '') >= (before?.deliveryId ?? ''), `${lane} in order`).toBe(true);
          expect(after?.startedAt ?? 0, `${after?.deliveryId} waits for ${before?.deliveryId}`).toBeGreaterThanOrEqual(before?.endedAt ?? Infinity);
        }
      }
      const firstOfB = of('dlv_b_')[0];
      const lastOfA1 = of('dlv_a_1').at(-1);
      expect(firstOfB?.endedAt ?? Infinity, 'b went while a was retrying').toBeLessThan(lastOfA1?.endedAt ?? 0);
      expect(receiver.mostAtOnce()).toBeLessThanOrEqual(2);

      const handle = client.workflow.getHandle(`webhook-endpoint:${endpointId}`);
      expect(await replayOf(workflowBundle, handle)).toBe('replayed');
      await handle.terminate('test done');
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('continues as new when its history grows, carrying what waits, and still delivers each once and in order', { timeout: 120_000 }, async () => {
    const endpointId = `whe_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const requests = ['a', 'b', 'c'].flatMap((interviewId) => [1, 2, 3, 4].map((n): WebhookDeliveryRequest => ({ deliveryId: `dlv_${interviewId}_${n}`, eventId: `evt_${interviewId}_${n}`, interviewId })));
    const receiver = recordingActivities(50, {}, 40);
    const connection = await NativeConnection.connect({ address: testTemporalAddress() });
    const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: receiver.activities, dataConverter });
    const running = worker.run();
    try {
      const first = await client.workflow.signalWithStart(WEBHOOK_ENDPOINT_WORKFLOW_TYPE, webhookDeliveryStart(endpointId, taskQueue, requests[0] as WebhookDeliveryRequest));
      for (const r of requests.slice(1)) await client.workflow.signalWithStart(WEBHOOK_ENDPOINT_WORKFLOW_TYPE, webhookDeliveryStart(endpointId, taskQueue, r));
      // A request repeated after the continue-as-new is still dropped.
      await sleep(1_000);
      await client.workflow.signalWithStart(WEBHOOK_ENDPOINT_WORKFLOW_TYPE, webhookDeliveryStart(endpointId, taskQueue, requests[0] as WebhookDeliveryRequest));
      for (let waited = 0; receiver.attempts.length < requests.length && waited < 60_000; waited += 100) await sleep(100);
      await sleep(1_000);

      expect(receiver.attempts.map((a) => a.deliveryId).sort()).toEqual(requests.map((r) => r.deliveryId).sort());
      for (const lane of ['dlv_a_', 'dlv_b_', 'dlv_c_']) {
        const ids = receiver.attempts.filter((a) => a.deliveryId.startsWith(lane)).map((a) => a.deliveryId);
        expect(ids, `${lane} in order`).toEqual([1, 2, 3, 4].map((n) => `${lane}${n}`));
      }
      const handle = client.workflow.getHandle(`webhook-endpoint:${endpointId}`);
      expect((await handle.describe()).runId, 'a later run').not.toBe(first.signaledRunId);
      await handle.terminate('test done');
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
