import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../paths';
import { serviceBundlePath, type PortalService } from './portal-processes';

const SERVICES: readonly PortalService[] = ['workflows', 'notifications', 'booking'];

/**
 * Our own code (the service and the @portal packages) goes into the bundle; every other package
 * stays outside, imported by the absolute path it resolved to here, so it loads exactly as under
 * tsx (the patched Temporal SDK, native modules, one copy of each) whichever package asked for it.
 */
const packagesOutside: Plugin = {
  name: 'packages-outside',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@portal/') || args.pluginData === 'resolving') return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

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
        plugins: [packagesOutside],
      }),
    ),
  );
}

export async function removeServiceBundles(tag: string): Promise<void> {
  await Promise.all(SERVICES.map((service) => rm(serviceBundlePath(service, tag), { force: true })));
}
