import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot } from './paths';
import { startProcess } from './stack/start-process';

export type SeedResult = { demoLink?: string; skipped?: string };

/** Runs booking's idempotent seed and picks the demo candidate's link from its `DEMO_LINK=` line. */
export async function seedDemo(env: NodeJS.ProcessEnv, output: Writable): Promise<SeedResult> {
  const cwd = join(repoRoot, 'services', 'booking');
  if (!existsSync(join(cwd, 'src', 'seed.ts'))) return { skipped: 'services/booking/src/seed.ts does not exist yet' };

  let demoLink: string | undefined;
  const tee = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const match = /DEMO_LINK=(\S+)/.exec(chunk.toString());
      if (match?.[1]) demoLink = match[1];
      output.write(chunk, done);
    },
  });
  const seed = startProcess({
    name: 'seed',
    command: join(repoRoot, 'node_modules', '.bin', 'tsx'),
    args: ['src/seed.ts'],
    cwd,
    env,
    output: tee,
  });
  const exit = await seed.exited;
  if (exit.code !== 0) throw new Error(`the demo seed failed (exit ${exit.code}); its last output:\n${seed.recentOutput()}`);
  return demoLink ? { demoLink } : {};
}
