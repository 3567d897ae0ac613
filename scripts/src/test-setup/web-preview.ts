import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../paths';
import { heldPort } from '../stack/free-port';

/** The web app's folder: its build in `dist/` is what a preview serves. */
export const webDir = join(repoRoot, 'web');

export interface WebPreview {
  webUrl: string;
  stop(): Promise<void>;
}

/**
 * The built web app served by `vite preview` on `port`, proxying /trpc and /api to `bookingUrl`
 * (web/vite.config.ts). `release` frees the port just before vite takes it (see heldPort). Answers
 * once the app's page is served; a preview that does not start within 90 s is stopped and said (a loaded fresh-clone run saw two take more than 30 s).
 */
export async function startWebPreview(port: number, bookingUrl: string, release: () => Promise<void> = async () => {}): Promise<WebPreview> {
  if (!existsSync(resolve(webDir, 'dist', 'index.html'))) {
    await release();
    throw new Error('web/dist is missing: build it first with `bash scripts/build-web.sh`');
  }
  const viteBin = resolve(dirname(createRequire(join(webDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const webUrl = `http://127.0.0.1:${port}`;
  await release();
  const preview = spawn(process.execPath, [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: webDir,
    env: { ...process.env, BOOKING_URL: bookingUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  preview.stdout.on('data', keep);
  preview.stderr.on('data', keep);
  const exited = new Promise<void>((done) => preview.once('exit', () => done()));
  async function stop() {
    if (preview.exitCode === null && preview.signalCode === null) preview.kill('SIGTERM');
    await exited;
  }

  const deadline = Date.now() + 90_000;
  for (;;) {
    const ready = await fetch(`${webUrl}/`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { webUrl, stop };
    if (preview.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview did not start on ${webUrl}:\n${output}`);
    }
    await sleep(200);
  }
}

/**
 * A portal started by `start` with the built web app in front of it. The web port is held first
 * and the portal is told its URL (`webUrl`, for PUBLIC_WEB_URL), so the links it emails open this
 * preview: a port only looked up was once taken by another process while the portal started. A
 * failed start gives the port back; a failed preview stops the portal.
 */
export async function startBehindWebPreview<P extends { bookingUrl: string; stop(): Promise<void> }>(
  start: (webUrl: string) => Promise<P>,
): Promise<{ portal: P; preview: WebPreview }> {
  const held = await heldPort();
  const portal = await start(`http://127.0.0.1:${held.port}`).catch(async (error: unknown) => {
    await held.release();
    throw error;
  });
  const preview = await startWebPreview(held.port, portal.bookingUrl, held.release).catch(async (error: unknown) => {
    await portal.stop();
    throw error;
  });
  return { portal, preview };
}
