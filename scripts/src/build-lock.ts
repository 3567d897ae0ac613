import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { sleep } from './stack/sleep';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` while holding a lock directory, so two runs on one checkout (setup and a
 * test run, two test runs) never build the same tool at once. A lock left by a process
 * that died is taken over.
 */
export async function withBuildLock<T>(lockDir: string, work: () => Promise<T>, log: (line: string) => void): Promise<T> {
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(`${lockDir}/pid`, 'utf8').catch(() => '0'));
      if (owner && !alive(owner)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`waiting for another build (pid ${owner || '?'}) holding ${lockDir}`);
      announced = true;
      await sleep(1_000);
    }
  }
  try {
    await writeFile(`${lockDir}/pid`, String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
