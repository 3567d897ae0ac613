import { Client, Connection } from '@temporalio/client';
import { testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, type LifecycleState, type SlotRequest } from '@portal/shared/lifecycle';
import { CandidateKeyring, DEV_PAYLOAD_KEYS, parsePayloadKeys, portalDataConverter } from '@portal/shared/payload-codec';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { keyStore, portalCollection } from './candidate-keys';

/**
 * A Temporal client that reads the portal's encrypted payloads: with the development keys the
 * services under test run with (their PAYLOAD_KEYS default), or the keys given, and the candidate
 * data keys of the portal's database (read once each, like the services do).
 */
export function portalTemporalClient(connection: Connection, payloadKeys = process.env.PAYLOAD_KEYS ?? DEV_PAYLOAD_KEYS): Client {
  const keyring = new CandidateKeyring(parsePayloadKeys(payloadKeys), keyStore, { ttlMs: 0, maxEntries: 1_000 });
  return new Client({ connection, dataConverter: portalDataConverter(payloadKeys, keyring) });
}

/**
 * Books an interview through its lifecycle directly, as any booking process would: a change made
 * while the test's booking service is down (live pages must learn of it when they reconnect).
 */
export async function bookThroughLifecycle(interviewId: string, start: string): Promise<void> {
  const connection = await Connection.connect({ address: testTemporalAddress() });
  try {
    const handle = portalTemporalClient(connection).workflow.getHandle(interviewWorkflowId(interviewId));
    await handle.executeUpdate<LifecycleState, [SlotRequest]>(LIFECYCLE_UPDATES.book, { args: [{ start, timezone: 'Europe/London' }] });
  } finally {
    await connection.close();
  }
}

/**
 * Where an interview's message of `kind` stands, for a test that waited for it in vain: its message
 * log row and what its lifecycle is waiting on (a workflow task, activities with their attempts and
 * last failures). A wait that runs out then says whether the send failed, waits to be retried or
 * never began, instead of only that nothing came.
 */
export async function whereIsMessage(interviewId: string, kind: string): Promise<string> {
  const parts: string[] = [];
  try {
    const row = await (await portalCollection('messages')).findOne({ interviewId, kind } as never);
    parts.push(row ? `log row ${JSON.stringify(row)}` : 'no log row');
  } catch (error) {
    parts.push(`log row unreadable (${String(error)})`);
  }
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address: testTemporalAddress() });
    const { status, raw } = await portalTemporalClient(connection).workflow.getHandle(interviewWorkflowId(interviewId)).describe();
    const task = raw.pendingWorkflowTask;
    parts.push(`lifecycle ${status.name}`);
    const scheduled = task?.scheduledTime?.seconds;
    if (task) parts.push(`workflow task ${String(task.state)}, attempt ${task.attempt ?? 1}, scheduled ${scheduled ? new Date(Number(scheduled) * 1000).toISOString() : '?'}`);
    for (const activity of raw.pendingActivities ?? []) {
      parts.push(
        `activity ${activity.activityType?.name ?? '?'} ${String(activity.state)}, attempt ${activity.attempt ?? 1}` +
          (activity.lastFailure?.message ? `, last failure: ${activity.lastFailure.message}` : ''),
      );
    }
  } catch (error) {
    parts.push(`lifecycle not described (${String(error)})`);
  } finally {
    await connection?.close();
  }
  return parts.join('; ');
}
