import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from './paths';

export interface GoTool {
  name: string;
  module: string;
  version: string;
  /** Main package inside the module. */
  pkg: string;
  /** Files the module's own release process generates and the build needs, relative to the module root. */
  extraFiles?: Record<string, string>;
}

function run(cmd: string, args: string[], cwd: string, log?: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (log) for (const line of chunk.toString().split('\n')) if (line.trim()) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${err}`)),
    );
  });
}

export async function goAvailable(): Promise<boolean> {
  try {
    await run('go', ['version'], process.cwd());
    return true;
  } catch {
    return false;
  }
}

/**
 * Downloads the module through the Go module proxy and builds its main package (`env` adds to
 * the build's environment, e.g. CGO_ENABLED=0 for a static binary). Not
 * `go install pkg@version`: that also asks the proxy for deprecation notices, which some
 * proxies refuse, and it cannot add the generated files a module may need.
 */
export async function buildFromGoModule(tool: GoTool, binDir: string, log: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<string> {
  const ref = `${tool.module}@${tool.version}`;
  const info = JSON.parse(await run('go', ['mod', 'download', '-json', ref], process.cwd())) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir) throw new Error(`go mod download ${ref} failed: ${info.Error ?? 'no Dir in its answer'}`);

  let sourceDir = info.Dir;
  if (tool.extraFiles) {
    // The module cache is read-only (and -overlay may not touch it), so build from a copy.
    sourceDir = join(toolsDir, 'src', `${tool.name}@${tool.version}`);
    if (!existsSync(sourceDir)) {
      await rm(`${sourceDir}.tmp`, { recursive: true, force: true });
      await cp(info.Dir, `${sourceDir}.tmp`, { recursive: true });
      await chmodTree(`${sourceDir}.tmp`);
      await rename(`${sourceDir}.tmp`, sourceDir);
    }
    for (const [file, content] of Object.entries(tool.extraFiles)) await writeFile(join(sourceDir, file), content);
  }

  await mkdir(binDir, { recursive: true });
  const target = join(binDir, tool.name);
  const partial = `${target}.${process.pid}.partial`;
  await run('go', ['build', '-buildvcs=false', '-o', partial, tool.pkg], sourceDir, log, env);
  await rename(partial, target);
  log(`built ${target}`);
  return target;
}

async function chmodTree(dir: string): Promise<void> {
  await run('chmod', ['-R', 'u+w', dir], dir);
  await chmod(dir, 0o755);
}
