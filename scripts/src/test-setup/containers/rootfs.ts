import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The system libraries `ldd` resolves for one executable or shared object (none for a static one). */
async function librariesOf(file: string): Promise<string[]> {
  const { stdout } = await run('ldd', [file]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  if (/not found/.test(stdout)) throw new Error(`${file} links a library this machine lacks:\n${stdout}`);
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)"
  return [...stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/g)].map((match) => match[1] ?? '').filter(Boolean);
}

/**
 * Copies into `rootfs`, at their own paths and followed through symlinks, the libraries `files`
 * link, except those from a folder in `bundled` (a package shipping its own libraries, copied
 * whole): what a `FROM scratch` image needs to run dynamic binaries. Nothing for static ones.
 */
export async function copyLibrariesOf(rootfs: string, files: string[], bundled: string[] = []): Promise<void> {
  const libraries = new Set<string>();
  for (const file of files) for (const library of await librariesOf(file)) libraries.add(library);
  const system = [...libraries].filter((library) => !bundled.some((dir) => library.startsWith(`${dir}/`)));
  for (const path of system) {
    await mkdir(join(rootfs, dirname(path)), { recursive: true });
    await cp(path, join(rootfs, path), { dereference: true });
  }
}

/** Copies a folder into the image's tree, symlinks followed (an image layer should not point outside itself). */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to, { recursive: true, dereference: true });
}
