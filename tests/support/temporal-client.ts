import { Client, type Connection } from '@temporalio/client';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';

/**
 * A Temporal client that reads the portal's encrypted payloads: with the development keys the
 * services under test run with (their PAYLOAD_KEYS default), or the keys given.
 */
export function portalTemporalClient(connection: Connection, payloadKeys = process.env.PAYLOAD_KEYS ?? DEV_PAYLOAD_KEYS): Client {
  return new Client({ connection, dataConverter: portalDataConverter(payloadKeys) });
}
