import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built web app served in this process by Vite preview, built first when web/dist is missing.
 * It proxies the API to process.env.BOOKING_URL, so set that before. Port 0 takes any free port.
 */
export async function previewWeb(port = 0): Promise<PreviewServer> {
  if (!existsSync(resolve(webDir, 'dist/index.html'))) await build({ root: webDir, logLevel: 'warn' });
  return preview({ root: webDir, logLevel: 'silent', preview: { host: '127.0.0.1', port, strictPort: port !== 0 } });
}
