import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@portal/devstack/paths';
import { testTemporalAddress } from '@portal/devstack/testing';
import { findTool } from '@portal/devstack/tools';

/** With RECORD_HISTORIES=1, keeps each path's event history for the workflow replay test. */
export async function recordHistory(interviewId: string, path: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const temporal = findTool('temporal');
  if (!temporal) throw new Error('temporal CLI not found');
  const { stdout } = await promisify(execFile)(
    temporal,
    ['workflow', 'show', '--address', testTemporalAddress(), '-w', `interview-${interviewId}`, '-o', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const dir = join(repoRoot, 'services', 'workflows', 'src', 'workflows', 'histories');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${path}.json`), stdout);
}

