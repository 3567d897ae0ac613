import { Client, Connection } from '@temporalio/client';
import { loadOpsEnv } from '../env';
import { formatPatchStatuses, patchStatuses } from './patch-status';

/**
 * `pnpm patches:status`: how many running lifecycles predate each patch, and which patches may move
 * to deprecatePatch or be removed (docs/lifecycle.md, "Patches and their retirement").
 */
async function main(): Promise<void> {
  const env = loadOpsEnv();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS }).catch((error: unknown) => {
    throw new Error(`cannot reach Temporal at ${env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    console.log(formatPatchStatuses(await patchStatuses(client)));
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`patches:status: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
