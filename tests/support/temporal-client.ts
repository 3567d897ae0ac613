import { Client, Connection } from '@temporalio/client';
import { testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, type LifecycleState, type SlotRequest } from '@portal/shared/lifecycle';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';
import { interviewWorkflowId } from '@portal/shared/search-attributes';

/**
 * A Temporal client that reads the portal's encrypted payloads: with the development keys the
 * services under test run with (their PAYLOAD_KEYS default), or the keys given.
 */
export function portalTemporalClient(connection: Connection, payloadKeys = process.env.PAYLOAD_KEYS ?? DEV_PAYLOAD_KEYS): Client {
  return new Client({ connection, dataConverter: portalDataConverter(payloadKeys) });
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
