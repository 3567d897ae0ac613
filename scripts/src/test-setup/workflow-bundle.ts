import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../paths';

/**
 * The lifecycle workflow bundle, built once for a test run by the workflows service's own
 * bundling script (the same options the worker uses), into `dir`. Every portal the run starts
 * and every sandbox test loads this file instead of running webpack again (docs/adr/0017).
 */
export async function buildTestWorkflowBundle(dir: string): Promise<string> {
  const codePath = join(dir, 'workflows.js');
  const workflows = join(repoRoot, 'services', 'workflows');
  await promisify(execFile)(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/bundle-workflows.ts', codePath], {
    cwd: workflows,
    maxBuffer: 16 * 1024 * 1024,
  });
  return codePath;
}
