import { Client, Connection } from '@temporalio/client';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchEntry } from '../patches/patch-registry';
import { formatPatchStatuses, patchStatuses } from './patch-status';

const taskQueue = testTaskQueue(import.meta.url);
const HOUR = 3_600_000;
const entry = (fields: Partial<PatchEntry>): PatchEntry => ({
  introduced: { commit: '0000000', at: new Date().toISOString() },
  workflowType: 'interviewLifecycle',
  oldBranch: 'a test',
  state: 'patched',
  historiesNeedingOldBranch: [],
  ...fields,
});

describe('pnpm patches:status against the Temporal server', () => {
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    connection = await Connection.connect({ address: testTemporalAddress() });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('counts the running lifecycles that started before each patch and says which may go', { timeout: 180_000 }, async () => {
    const inAnHour = new Date(Date.now() + HOUR).toISOString();
    const patches = {
      // Released after the lifecycle below started: it may have run the old branch.
      'after-the-lifecycle': entry({ released: inAnHour }),
      'before-the-lifecycle': entry({ introduced: { commit: '0000000', at: '2020-01-01T00:00:00Z' } }),
      'recorded-history-needs-it': entry({ introduced: { commit: '0000000', at: '2020-01-01T00:00:00Z' }, historiesNeedingOldBranch: ['some-history'] }),
      'deprecated-after-the-lifecycle': entry({ state: 'deprecated', deprecatedReleased: inAnHour }),
      'loop-patch': entry({ workflowType: 'interviewLoop', released: inAnHour }),
      'gone': entry({ state: 'removed', deprecatedReleased: '2020-01-01T00:00:00Z' }),
    };
    // A lifecycle no worker runs yet: to visibility it is running, started now.
    const handle = await client.workflow.start('interviewLifecycle', { taskQueue, workflowId: `patch-status-${Date.now()}`, args: [] });
    const advice = async () => Object.fromEntries((await patchStatuses(client, patches, { taskQueue })).map((s) => [s.id, [s.runningBefore, s.advice]]));

    await expect.poll(advice, { timeout: 60_000, interval: 500 }).toEqual({
      'after-the-lifecycle': [1, 'keep'],
      'before-the-lifecycle': [0, 'may deprecate'],
      'recorded-history-needs-it': [0, 'retire its recorded histories first'],
      'deprecated-after-the-lifecycle': [1, 'keep deprecated'],
      'loop-patch': [0, 'may deprecate'],
      'gone': [null, 'removed'],
    });
    console.log(formatPatchStatuses(await patchStatuses(client, patches, { taskQueue })));

    await handle.terminate('patch-status test done');
    await expect.poll(advice, { timeout: 60_000, interval: 500 }).toMatchObject({
      'after-the-lifecycle': [0, 'may deprecate'],
      'deprecated-after-the-lifecycle': [0, 'may remove'],
    });
  });
});
