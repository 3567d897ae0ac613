import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; everything the dev stack writes lives under it, git-ignored. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Project-local binaries and their sources (git-ignored). */
export const toolsDir = join(repoRoot, '.tools');
export const toolsBinDir = join(toolsDir, 'bin');

/** The project's own pnpm (setup installs it), or the one `PNPM` names. */
export const pnpmBin = process.env.PNPM ?? join(toolsDir, 'pnpm', 'node_modules', '.bin', 'pnpm');

/** Development data that survives restarts (git-ignored); `PORTAL_DATA_DIR` puts it elsewhere (a system test's own). */
export const dataDir = process.env.PORTAL_DATA_DIR ?? join(repoRoot, '.data');
