import type { Client } from '@temporalio/client';
import { PANEL_NOTICE_SIGNAL } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { eventTimeMs as ms, figures, inPool } from './measure';

export interface TimedRepair {
  interviewId: string;
  /** Wall clock (ms since the epoch) when the change was sent, and when the document named the replacement. */
  changedAt: number;
  repairedAt: number;
}

const p = (values: number[]) => {
  const f = figures(values.filter(Number.isFinite), 0, 1);
  return `p50 ${f.p50Ms.toFixed(0).padStart(5)} ms, p99 ${f.p99Ms.toFixed(0).padStart(5)} ms`;
};

/**
 * Where a repair's time goes, from each lifecycle's history (the server's clock, the same machine's
 * as the bench's): the change until its `panelNotice` signal is recorded (the booking service's
 * part), the signal until `replacePanelMember` is scheduled (the workflow task, and for a decline
 * the answer's own write first), that activity's wait in the queue and its run, and from its end
 * until the document names the replacement (the write of the new panel, and the poll).
 */
export async function repairBreakdown(client: Client, repairs: TimedRepair[]): Promise<string[]> {
  const stages = await inPool(repairs, 8, async (r) => {
    const events = (await client.workflow.getHandle(interviewWorkflowId(r.interviewId)).fetchHistory()).events ?? [];
    const signal = events.find((e) => e.workflowExecutionSignaledEventAttributes?.signalName === PANEL_NOTICE_SIGNAL && ms(e.eventTime) >= r.changedAt - 1_000);
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'replacePanelMember' && ms(e.eventTime) >= r.changedAt - 1_000);
    const id = String(scheduled?.eventId ?? '');
    const started = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId ?? '') === id);
    const completed = events.find((e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? '') === id);
    const [at, sc, st, co] = [signal, scheduled, started, completed].map((e) => (e ? ms(e.eventTime) : Number.NaN)) as [number, number, number, number];
    return { toSignal: at - r.changedAt, toScheduled: sc - at, queue: st - sc, run: co - st, toDocument: r.repairedAt - co };
  });
  return [
    `  change → panelNotice in history    ${p(stages.map((s) => s.toSignal))}`,
    `  signal → replacePanelMember sched. ${p(stages.map((s) => s.toScheduled))}`,
    `  replacePanelMember queue           ${p(stages.map((s) => s.queue))}`,
    `  replacePanelMember run             ${p(stages.map((s) => s.run))}`,
    `  its end → document names them      ${p(stages.map((s) => s.toDocument))}`,
  ];
}
