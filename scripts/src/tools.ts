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
  // The production topology (docs/adr/0068): the server the CLI embeds, run as separate services,
  // its SQL schema tool, and the Web UI server the CLI embeds, each from the same versions.
  'temporal-server': {
    name: 'temporal-server',
    envVar: 'TEMPORAL_SERVER_BIN',
    module: 'go.temporal.io/server',
    version: 'v1.29.1',
    pkg: './cmd/server',
  },
  'temporal-sql-tool': {
    name: 'temporal-sql-tool',
    envVar: 'TEMPORAL_SQL_TOOL_BIN',
    module: 'go.temporal.io/server',
    version: 'v1.29.1',
    pkg: './cmd/tools/sql',
  },
  // The server's own admin tool: what each membership ring holds (`tdbg membership list-gossip`).
  tdbg: {
    name: 'tdbg',
    envVar: 'TDBG_BIN',
    module: 'go.temporal.io/server',
    version: 'v1.29.1',
    pkg: './cmd/tools/tdbg',
  },
  'temporal-ui-server': {
    name: 'temporal-ui-server',
    envVar: 'TEMPORAL_UI_SERVER_BIN',
    module: 'github.com/temporalio/ui-server/v2',
    version: 'v2.42.1',
    pkg: './cmd/server',
  },
  // Docker's compose, for the compose system test (docs/adr/0070): Debian ships only v1 (Python).
  'docker-compose': {
    name: 'docker-compose',
    envVar: 'DOCKER_COMPOSE_BIN',
    module: 'github.com/docker/compose/v2',
    version: 'v2.40.3',
    pkg: './cmd',
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

export async function ensureTools(log: (line: string) => void = console.log): Promise<Record<'temporal' | 'ferretdb', string>> {
  // One after the other: two Go builds at once thrash a 2-core machine.
  const temporal = await ensureTool('temporal', log);
  const ferretdb = await ensureTool('ferretdb', log);
  return { temporal, ferretdb };
}

/** What the production topology runs besides those: built on its first start only, one after the other. */
export async function ensureClusterTools(log: (line: string) => void = console.log): Promise<Record<'server' | 'sqlTool' | 'uiServer' | 'tdbg', string>> {
  const server = await ensureTool('temporal-server', log);
  const sqlTool = await ensureTool('temporal-sql-tool', log);
  const tdbg = await ensureTool('tdbg', log);
  const uiServer = await ensureTool('temporal-ui-server', log);
  return { server, sqlTool, uiServer, tdbg };
}
