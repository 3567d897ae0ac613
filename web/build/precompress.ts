import { createReadStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What is worth compressing: text the app is made of. */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/**
 * A file under 1 KB is sent as it is: compressing Rolldown's 158-byte runtime chunk saves 42 bytes and its
 * `Content-Encoding` and `Vary` headers cost 45. The first-visit test holds every larger script to brotli.
 */
export const COMPRESSED_FROM_BYTES = 1024;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Brotli (quality 11) and gzip (level 9) copies beside every built asset, made once at build time
 * where the best levels cost nothing per request, and served from them: by Vite's preview server
 * here (it would otherwise gzip each response on the fly at the default level, never brotli) and
 * by nginx's `gzip_static`/`brotli_static` in production (docs/adr/0049-first-visit-javascript.md).
 */
export function precompress(options: { headers: Record<string, string> }): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: (_config, env) => env.command === 'build' || env.isPreview === true,
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < COMPRESSED_FROM_BYTES) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
    configurePreviewServer(server) {
      const assets = join(outDir, 'assets') + sep;
      server.middlewares.use((request, response, next) => {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url?.startsWith('/assets/')) return next();
        const file = resolve(outDir, `.${decodeURIComponent(new URL(request.url, 'http://x').pathname)}`);
        const type = TYPES[extname(file)];
        if (!file.startsWith(assets) || type === undefined) return next();
        const accepted = String(request.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepted) && existsSync(`${file}.br`) ? 'br' : /\bgzip\b/.test(accepted) && existsSync(`${file}.gz`) ? 'gzip' : null;
        if (encoding === null) return next();
        const compressed = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
        for (const [name, value] of Object.entries(options.headers)) response.setHeader(name, value);
        response.setHeader('Content-Type', type);
        response.setHeader('Content-Encoding', encoding);
        response.setHeader('Content-Length', statSync(compressed).size);
        response.setHeader('Vary', 'Accept-Encoding');
        // Named by their content hash: a file never changes, so browsers keep it (as nginx's `expires 1y`).
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        if (request.method === 'HEAD') return void response.end();
        createReadStream(compressed).pipe(response);
      });
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
