import type { Client } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { eventTimeMs as ms, figures } from './measure';

/** Where one reminder's lateness went, from its lifecycle's history (event times, in ms). */
interface Phases {
  /** Due time to the timer's TimerFired event. */
  timer: number;
  /** TimerFired to the workflow task's start on the worker. */
  toTask: number;
  /** The workflow task on the worker, started to completed. */
  task: number;
  /** The send scheduled to started on the notifications worker. */
  toSend: number;
}

async function phasesOf(client: Client, interviewId: string, dueAt: number): Promise<Phases | undefined> {
  const events = (await client.workflow.getHandle(interviewWorkflowId(interviewId)).fetchHistory()).events ?? [];
  const fired = events.findIndex((e) => e.timerFiredEventAttributes && ms(e.eventTime) >= dueAt - 1_000);
  if (fired < 0) return undefined;
  const started = events.findIndex((e, i) => i > fired && e.workflowTaskStartedEventAttributes);
  const completed = events.findIndex((e, i) => i > started && e.workflowTaskCompletedEventAttributes);
  const scheduled = events.findIndex((e, i) => i > completed && e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendEmail');
  const scheduledId = events[scheduled]?.eventId;
  const sendStarted = events.find((e) => e.activityTaskStartedEventAttributes && String(e.activityTaskStartedEventAttributes.scheduledEventId) === String(scheduledId));
  if (started < 0 || completed < 0 || scheduled < 0 || !sendStarted) return undefined;
  return {
    timer: ms(events[fired]?.eventTime) - dueAt,
    toTask: ms(events[started]?.eventTime) - ms(events[fired]?.eventTime),
    task: ms(events[completed]?.eventTime) - ms(events[started]?.eventTime),
    toSend: ms(sendStarted.eventTime) - ms(events[scheduled]?.eventTime),
  };
}

/**
 * Per step, the p50/p99 of each phase of a sample of its reminders, read from their histories:
 * says whether lateness is the server firing timers late, the workflow task waiting for the
 * worker or running long, or the send waiting for the notifications worker.
 */
export async function latenessBreakdown(client: Client, steps: { rate: number; reminders: { interviewId: string; dueAt: number }[] }[], sample = 30): Promise<string> {
  const lines: string[] = [];
  for (const { rate, reminders } of steps) {
    const every = Math.max(1, Math.floor(reminders.length / sample));
    const picked = reminders.filter((_, i) => i % every === 0).slice(0, sample);
    const phases = (await Promise.all(picked.map((r) => phasesOf(client, r.interviewId, r.dueAt).catch(() => undefined)))).filter((p) => p !== undefined);
    const show = (key: keyof Phases) => {
      const f = figures(phases.map((p) => p[key]), 0, 1);
      return `${key} ${(f.p50Ms / 1000).toFixed(2)}/${(f.p99Ms / 1000).toFixed(2)} s`;
    };
    lines.push(`${String(rate).padStart(3)}/s  (${phases.length} sampled, p50/p99)  ${(['timer', 'toTask', 'task', 'toSend'] as const).map(show).join('  ')}`);
  }
  return lines.join('\n');
}
