import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { withBuildLock } from './build-lock';
import { toolsBinDir } from './paths';
import { buildFromGoModule, goAvailable, type GoTool } from './go-build';

/**
 * The binaries npm does not ship, pinned to versions whose go.mod carries no replace
 * directives (later Temporal CLI tags do, and `go install` refuses them).
 */
export const TOOLS = {
  temporal: {
    name: 'temporal',
    envVar: 'TEMPORAL_BIN',
    module: 'github.com/temporalio/cli',
    version: 'v1.5.1',
    pkg: './cmd/temporal',
  },
  ferretdb: {
    name: 'ferretdb',
    envVar: 'FERRETDB_BIN',
    module: 'github.com/FerretDB/FerretDB',
    version: 'v1.24.2',
    pkg: './cmd/ferretdb',
    // FerretDB panics at start unless build/version/version.txt names its version.
    extraFiles: { 'build/version/version.txt': 'v1.24.2\n' },
  },
} satisfies Record<string, GoTool & { envVar: string }>;

export type ToolName = keyof typeof TOOLS;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Where a tool is found without building it, or undefined. Env var, then PATH, then .tools/bin. */
export function findTool(name: ToolName): string | undefined {
  const tool = TOOLS[name];
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${tool.envVar}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const local = join(toolsBinDir, name);
  return onPath(name) ?? (existsSync(local) && isExecutable(local) ? local : undefined);
}

export class MissingToolError extends Error {}

function missingToolMessage(name: ToolName): string {
  const tool = TOOLS[name];
  return [
    `${name} was not found (checked ${tool.envVar}, PATH and .tools/bin) and there is no Go toolchain to build it.`,
    'Pick one:',
    `  - install Go (https://go.dev/doc/install, or \`apt-get install golang\`), then rerun; setup builds ${tool.module}@${tool.version} into .tools/bin`,
    `  - or point ${tool.envVar} at an existing ${name} binary`,
    '  - or run the whole stack with Docker: `docker compose up`',
  ].join('\n');
}

/** Finds a tool or builds it from its pinned Go module into .tools/bin. */
export async function ensureTool(name: ToolName, log: (line: string) => void = console.log): Promise<string> {
  const found = findTool(name);
  if (found) return found;
  if (!(await goAvailable())) throw new MissingToolError(missingToolMessage(name));
  await mkdir(toolsBinDir, { recursive: true });
  return withBuildLock(join(toolsBinDir, `.building-${name}`), async () => {
    // Another run may have finished it while we waited for the lock.
    const built = findTool(name);
    if (built) return built;
    log(`building ${name} ${TOOLS[name].version} from its Go module (first time only, a few minutes)…`);
    // Static (neither tool needs cgo: SQLite and PostgreSQL are pure Go in both): the test images
    // take this binary as it is instead of building it a second time (containers/static-tool.ts),
    // about six minutes of a fresh machine's first test run.
    return buildFromGoModule(TOOLS[name], toolsBinDir, log, { CGO_ENABLED: '0' });
  }, log);
}

export async function ensureTools(log: (line: string) => void = console.log): Promise<Record<ToolName, string>> {
  // One after the other: two Go builds at once thrash a 2-core machine.
  const temporal = await ensureTool('temporal', log);
  const ferretdb = await ensureTool('ferretdb', log);
  return { temporal, ferretdb };
}
