import type { Client } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { webhookEndpointWorkflowId } from '@portal/shared/webhook-events';
import { eventTimeMs as ms, figures, inPool } from './measure';

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];

/** Where a delivery's lateness goes, from the histories: per activity, its wait in the queue and its run. */
function activityTimes(events: HistoryEvent[], type: string): { scheduledAt: number; queueMs: number; runMs: number; completedAt: number }[] {
  const scheduled = new Map<number, number>();
  const started = new Map<number, number>();
  const out: { scheduledAt: number; queueMs: number; runMs: number; completedAt: number }[] = [];
  for (const e of events) {
    const id = Number(e.eventId);
    if (e.activityTaskScheduledEventAttributes?.activityType?.name === type) scheduled.set(id, ms(e.eventTime));
    const s = e.activityTaskStartedEventAttributes;
    if (s && scheduled.has(Number(s.scheduledEventId))) started.set(Number(s.scheduledEventId), ms(e.eventTime));
    const c = e.activityTaskCompletedEventAttributes;
    if (c && scheduled.has(Number(c.scheduledEventId))) {
      const at = scheduled.get(Number(c.scheduledEventId)) ?? Number.NaN;
      const st = started.get(Number(c.scheduledEventId)) ?? Number.NaN;
      out.push({ scheduledAt: at, queueMs: st - at, runMs: ms(e.eventTime) - st, completedAt: ms(e.eventTime) });
    }
  }
  return out;
}

const p = (values: number[]) => {
  const f = figures(values.filter(Number.isFinite), 0, 1);
  return `p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms`;
};

/**
 * The webhook path's stages for the measured bookings: the lifecycle's publish (answer to its
 * scheduling, its queue wait, its run), then the endpoint workflow (publish done to the delivery's
 * arrival; each delivery activity's queue wait and run; its runs, i.e. continue-as-new count).
 */
export async function webhookBreakdown(client: Client, endpointId: string, measured: { interviewId: string; answeredAt: number; arrivedAt: number | undefined }[]): Promise<string[]> {
  const publish = await inPool(measured, 8, async (m) => {
    const events = (await client.workflow.getHandle(interviewWorkflowId(m.interviewId)).fetchHistory()).events ?? [];
    const times = activityTimes(events, 'publishWebhookEvent').filter((t) => t.scheduledAt >= m.answeredAt - 5_000);
    const booked = times[0];
    return { m, booked };
  });
  const ok = publish.filter((x) => x.booked !== undefined);
  const lines = [
    `  publish (lifecycle): answer to scheduled ${p(ok.map((x) => (x.booked?.scheduledAt ?? 0) - x.m.answeredAt))}; queue ${p(ok.map((x) => x.booked?.queueMs ?? Number.NaN))}; run ${p(ok.map((x) => x.booked?.runMs ?? Number.NaN))}`,
    `  published to arrival (endpoint workflow and delivery): ${p(ok.filter((x) => x.m.arrivedAt !== undefined).map((x) => (x.m.arrivedAt ?? 0) - (x.booked?.completedAt ?? 0)))}`,
  ];
  const runs: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = "${webhookEndpointWorkflowId(endpointId)}"` })) runs.push(execution.runId);
  const deliveries: ReturnType<typeof activityTimes> = [];
  let events = 0;
  const taskWaits: number[] = [];
  for (const runId of runs) {
    const history = (await client.workflow.getHandle(webhookEndpointWorkflowId(endpointId), runId).fetchHistory()).events ?? [];
    events += history.length;
    deliveries.push(...activityTimes(history, 'deliverWebhook'));
    const scheduledAt = new Map<number, number>();
    for (const e of history) {
      if (e.workflowTaskScheduledEventAttributes) scheduledAt.set(Number(e.eventId), ms(e.eventTime));
      const started = e.workflowTaskStartedEventAttributes;
      if (started) taskWaits.push(ms(e.eventTime) - (scheduledAt.get(Number(started.scheduledEventId)) ?? Number.NaN));
    }
  }
  lines.push(`  endpoint workflow tasks: queue ${p(taskWaits)} (${taskWaits.length} tasks)`);
  lines.push(`  deliverWebhook: queue ${p(deliveries.map((d) => d.queueMs))}; run ${p(deliveries.map((d) => d.runMs))}; ${deliveries.length} in ${runs.length} run(s), ${events} history events`);
  return lines;
}
