import type { Client } from '@temporalio/client';
import { loopWorkflowId } from '@portal/shared/loops';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { eventTimeMs as ms, figures, inPool } from './measure';

/** One booking as the bench timed it (wall clock, ms since the epoch; the server's clock is the same machine's). */
export interface TimedBooking {
  /** The loop's id, or null for a single interview. */
  loopId: string | null;
  interviewIds: string[];
  sentAt: number;
  answeredAt: number;
}

type Events = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events'];

const p50 = (values: number[]) => {
  const f = figures(values.filter(Number.isFinite), 0, 1);
  return `p50 ${f.p50Ms.toFixed(0).padStart(5)} ms, p99 ${f.p99Ms.toFixed(0).padStart(5)} ms`;
};

/** The times, after `from`, of the first workflow task's start and end and of the update's completion. */
function taskOf(events: Events, from: number) {
  const after = (events ?? []).filter((e) => ms(e.eventTime) >= from);
  const started = after.find((e) => e.workflowTaskStartedEventAttributes);
  const completed = after.find((e) => e.workflowTaskCompletedEventAttributes && started && Number(e.eventId) > Number(started.eventId));
  const updated = after.find((e) => e.workflowExecutionUpdateCompletedEventAttributes);
  return { started: started ? ms(started.eventTime) : Number.NaN, completed: completed ? ms(completed.eventTime) : Number.NaN, updated: updated ? ms(updated.eventTime) : Number.NaN, after };
}

/**
 * Where a booking's time goes, from the workflows' histories: for a single interview, the request
 * until its lifecycle's task starts (booking's reads, the update's delivery), that task (claim and
 * persisted change), and the task's end until the answer; for a loop, the same for the loop's task
 * (every session's claim), its update's completion, the activity booking the sessions (before
 * the answer in loops that answer once the sessions are booked, after it in loops that answer on
 * their claims, docs/adr/0042), the slowest session's booking task, and the answer.
 */
export async function bookingBreakdown(client: Client, bookings: TimedBooking[]): Promise<string[]> {
  const singles = await inPool(
    bookings.filter((b) => b.loopId === null),
    4,
    async (b) => {
      const events = (await client.workflow.getHandle(interviewWorkflowId(b.interviewIds[0] ?? '')).fetchHistory()).events;
      const t = taskOf(events, b.sentAt - 50);
      return { toTask: t.started - b.sentAt, task: t.completed - t.started, toAnswer: b.answeredAt - t.completed };
    },
  );
  const loops = await inPool(
    bookings.filter((b) => b.loopId !== null),
    4,
    async (b) => {
      const events = (await client.workflow.getHandle(loopWorkflowId(b.loopId ?? '')).fetchHistory()).events;
      const t = taskOf(events, b.sentAt - 50);
      const scheduled = t.after.find((e) => e.activityTaskScheduledEventAttributes);
      const id = String(scheduled?.eventId ?? 'none');
      const started = t.after.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId ?? '') === id);
      const done = t.after.find((e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? '') === id);
      const [sc, st, co] = [scheduled, started, done].map((e) => (e ? ms(e.eventTime) : Number.NaN)) as [number, number, number];
      const sessions = await Promise.all(
        b.interviewIds.map(async (id) => taskOf((await client.workflow.getHandle(interviewWorkflowId(id)).fetchHistory()).events, b.sentAt - 50)),
      );
      const sessionsDone = Math.max(...sessions.map((s) => s.updated));
      return {
        toTask: t.started - b.sentAt,
        task: t.completed - t.started,
        toUpdate: t.updated - t.completed,
        toActivity: st - sc,
        activity: co - st,
        activityBeforeAnswer: co <= t.updated,
        sessionTask: Math.max(...sessions.map((s) => s.completed - s.started)),
        sessionsDoneToAnswer: b.answeredAt - sessionsDone,
        toAnswer: b.answeredAt - t.updated,
      };
    },
  );
  return [
    'where a single booking goes (lifecycle history):',
    `  request → its task starts                 ${p50(singles.map((s) => s.toTask))}`,
    `  the task (claim, persisted change)        ${p50(singles.map((s) => s.task))}`,
    `  task end → answer                         ${p50(singles.map((s) => s.toAnswer))}`,
    'where a loop booking goes (loop and session histories):',
    `  request → loop task starts                ${p50(loops.map((s) => s.toTask))}`,
    `  loop task (every session's claim)         ${p50(loops.map((s) => s.task))}`,
    `  loop task end → its update completed      ${p50(loops.map((s) => s.toUpdate))}`,
    `  bookLoopSessions queue                    ${p50(loops.map((s) => s.toActivity))}`,
    `  bookLoopSessions run                      ${p50(loops.map((s) => s.activity))} (${loops.filter((s) => s.activityBeforeAnswer).length} of ${loops.length} before the update completed)`,
    `    slowest session's booking task          ${p50(loops.map((s) => s.sessionTask))}`,
    `  update completed → answer                 ${p50(loops.map((s) => s.toAnswer))}`,
    `  last session booked → answer              ${p50(loops.map((s) => s.sessionsDoneToAnswer))}`,
  ];
}
