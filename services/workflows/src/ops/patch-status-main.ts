import { Client, Connection } from '@temporalio/client';
import { loadOpsEnv } from '../env';
import { formatPatchStatuses, patchStatuses } from './patch-status';

/**
 * `pnpm patches:status`: how many running lifecycles predate each patch, and which patches may move
 * to deprecatePatch or be removed (docs/lifecycle.md, "Patches and their retirement").
 */
const env = loadOpsEnv();
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
try {
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  console.log(formatPatchStatuses(await patchStatuses(client)));
} finally {
  await connection.close();
}
