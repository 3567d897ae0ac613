import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../paths';
import { serviceBundlePath, type PortalService } from './portal-processes';

const SERVICES: readonly PortalService[] = ['workflows', 'notifications', 'booking'];

/**
 * Packages that stay outside the bundle, imported by the absolute path they resolved to here: the
 * Temporal SDK (patched, with its native bridge and the workflow sandbox's own loading), packages
 * that find files of their own beside their code at run time (swagger-ui-dist's assets, pino's
 * worker threads), and optional peers a driver asks for in a try (MongoDB's kerberos, snappy...).
 */
const OUTSIDE = /^(@temporalio\/|swagger-ui-dist|pino|thread-stream|sonic-boom)/;

/**
 * Every package goes into the bundle but those OUTSIDE: a service's start then reads one file
 * instead of resolving and reading a few thousand (node's CommonJS loader, package.json lookups
 * and stats were about a third of each service's start in a CPU profile; issue 46).
 */
const packagesOutside: Plugin = {
  name: 'packages-outside',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@portal/') || args.pluginData === 'resolving') return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      // An optional peer that is not installed: asked for in a try at run time, as without the bundle.
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      if (OUTSIDE.test(args.path) || resolved.path.endsWith('.node')) return { path: resolved.path, external: true };
      return undefined;
    });
  },
};

/**
 * CommonJS packages inside an ES module bundle call `require` for node's own modules and read
 * `__dirname`: both exist in the bundle's scope as they would in the package's.
 */
const COMMONJS_SCOPE = [
  "import { createRequire as __portalCreateRequire } from 'node:module';",
  "import { fileURLToPath as __portalFileURLToPath } from 'node:url';",
  "import { dirname as __portalDirname } from 'node:path';",
  'const require = __portalCreateRequire(import.meta.url);',
  'const __filename = __portalFileURLToPath(import.meta.url);',
  'const __dirname = __portalDirname(__filename);',
].join('\n');

/**
 * The three services' `src/main.ts`, each bundled once for a test run (docs/adr/0043). A service
 * started by tsx spends most of its start loading and transforming a few hundred source files on
 * tsx's loader thread (11 of 23 s for the workflows service on this machine under load); from one
 * file node loads it in about a third of that. A test portal starts its services from these
 * (portal-processes.ts) when the run names a tag; a service started any other way runs from source.
 */
export async function buildServiceBundles(tag: string): Promise<void> {
  await Promise.all(
    SERVICES.map((service) =>
      build({
        entryPoints: [join(repoRoot, 'services', service, 'src', 'main.ts')],
        outfile: serviceBundlePath(service, tag),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'warning',
        banner: { js: COMMONJS_SCOPE },
        plugins: [packagesOutside],
      }),
    ),
  );
}

export async function removeServiceBundles(tag: string): Promise<void> {
  await Promise.all(SERVICES.map((service) => rm(serviceBundlePath(service, tag), { force: true })));
}
