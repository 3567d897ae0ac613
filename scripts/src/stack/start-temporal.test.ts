import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { testTemporalAddress } from '../test-setup/per-file';

// The global setup's server comes from startTemporal (or a container started with the same flags).
describe('the Temporal dev server', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testTemporalAddress() });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('has every custom search attribute registered with its type', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    const registered = Object.keys(customAttributes ?? {});
    expect(registered).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
  });
});
