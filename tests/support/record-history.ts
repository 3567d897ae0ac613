import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@portal/devstack/paths';
import { testTemporalAddress } from '@portal/devstack/testing';
import { findTool } from '@portal/devstack/tools';
import { storedCandidateKeyOf } from './candidate-keys';

/**
 * With RECORD_HISTORIES=1, keeps each path's event history for the workflow replay test, and
 * beside it in `keys/` the candidate's data key as the store keeps it (wrapped by the development
 * master key), without which the history's payloads cannot be read. A loop's own workflow
 * (`workflowId`) is sealed with the key of its sessions' candidate.
 */
export async function recordHistory(interviewId: string, path: string, workflowId = `interview-${interviewId}`): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const temporal = findTool('temporal');
  if (!temporal) throw new Error('temporal CLI not found');
  const { stdout } = await promisify(execFile)(
    temporal,
    ['workflow', 'show', '--address', testTemporalAddress(), '-w', workflowId, '-o', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const dir = join(repoRoot, 'services', 'workflows', 'src', 'histories');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${path}.json`), stdout);
  const key = await storedCandidateKeyOf(interviewId);
  if (key === null) return;
  await mkdir(join(dir, 'keys'), { recursive: true });
  await writeFile(join(dir, 'keys', `${path}.json`), `${JSON.stringify({ ...key, destroyedAt: null }, null, 2)}\n`);
}

