import { open } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withBuildLock } from '../../build-lock';
import { buildFromGoModule, goAvailable } from '../../go-build';
import { toolsDir } from '../../paths';
import { ensureTool, TOOLS, type ToolName } from '../../tools';

const PT_INTERP = 3;

/** Whether an x86-64 ELF executable names a dynamic loader (PT_INTERP), i.e. needs libc at run time. */
export async function isDynamicElf(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(64);
    await file.read(header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${path} is not an ELF executable`);
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    await file.read(table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === PT_INTERP) return true;
    return false;
  } finally {
    await file.close();
  }
}

/**
 * A static build of a pinned Go tool for a `FROM scratch` image: the binary setup found when it is
 * static already, else a CGO_ENABLED=0 build into .tools/static (once). Without a Go toolchain the
 * dynamic binary is returned, and the image carries the libraries it links (see rootfs.ts).
 */
export async function staticTool(name: ToolName, log: (line: string) => void): Promise<string> {
  const found = await ensureTool(name, log);
  if (!(await isDynamicElf(found))) return found;
  const dir = join(toolsDir, 'static', `${name}@${TOOLS[name].version}`);
  const target = join(dir, name);
  if (existsSync(target)) return target;
  if (!(await goAvailable())) {
    log(`${found} links libc and there is no Go toolchain for a static build: its image carries the libraries`);
    return found;
  }
  return withBuildLock(join(toolsDir, `.building-static-${name}`), async () => {
    if (existsSync(target)) return target;
    log(`building a static ${name} ${TOOLS[name].version} (CGO_ENABLED=0) for its test image (first time only, a few minutes)…`);
    return buildFromGoModule(TOOLS[name], dir, log, { CGO_ENABLED: '0' });
  }, log);
}
