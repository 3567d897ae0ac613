import { Connection, type WorkflowHandle } from '@temporalio/client';
import { testTemporalAddress } from '@portal/devstack/testing';
import { eventually } from './fixtures';
import { portalTemporalClient } from './temporal-client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

async function historyOf<T>(interviewId: string, read: (history: History) => Promise<T> | T): Promise<T> {
  const connection = await Connection.connect({ address: testTemporalAddress() });
  try {
    const handle = portalTemporalClient(connection).workflow.getHandle(`interview-${interviewId}`);
    return await read(await handle.fetchHistory());
  } finally {
    await connection.close();
  }
}

/** The first started attempt of the lifecycle's first `writeCalendarEvent`, and when it was scheduled. */
function firstWrite(history: History): { scheduled: HistoryEvent | undefined; started: HistoryEvent | undefined } {
  const events = history.events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'writeCalendarEvent');
  const scheduledId = scheduled?.eventId?.toString();
  const started = scheduledId === undefined ? undefined : events.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduledId);
  return { scheduled, started };
}

/**
 * How the interview's first calendar write went, from its lifecycle's history: the attempt that
 * ran last (Temporal records one started event, of the last attempt), seconds from scheduling to
 * it, and the type of the failure before it.
 */
export const firstWriteAttempt = (interviewId: string) =>
  historyOf(interviewId, (history) => {
    const { scheduled, started } = firstWrite(history);
    const attributes = started?.activityTaskStartedEventAttributes;
    return {
      attempt: attributes?.attempt ?? 1,
      waitedSeconds: Number(started?.eventTime?.seconds ?? 0) - Number(scheduled?.eventTime?.seconds ?? 0),
      lastFailureType: attributes?.lastFailure?.applicationFailureInfo?.type ?? null,
    };
  });

/** Waits until the interview's first calendar write completed; its attempt number. */
export const firstWriteCompleted = (interviewId: string, timeoutMs: number) =>
  eventually(
    () =>
      historyOf(interviewId, (history) => {
        const { started } = firstWrite(history);
        const startedId = started?.eventId?.toString();
        const done = startedId !== undefined && (history.events ?? []).some((e) => e.activityTaskCompletedEventAttributes?.startedEventId?.toString() === startedId);
        return done ? (started?.activityTaskStartedEventAttributes?.attempt ?? 1) : undefined;
      }),
    timeoutMs,
    'the calendar write retried and completed',
  );
