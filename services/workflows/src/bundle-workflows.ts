/**
 * Bundles the workflow code into the file named by the first argument, then exits. The worker
 * runs this as a child process (workflowBundleApart): webpack's working set, about 200 MiB,
 * leaves with the child instead of staying in the long-lived worker's heap.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions } from './workflow-bundle-options';

const [out] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: bundle-workflows <output file>');
const bundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  ...workflowBundlerOptions,
});
await writeFile(out, bundle.code);
