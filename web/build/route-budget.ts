import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface RouteBudgetOptions {
  /** Shown in the report, e.g. "/b/:token". */
  route: string;
  /** The route's lazily imported page module, relative to the Vite root. */
  module: string;
  limitBytes: number;
}

interface ChunkInfo {
  code: string;
  imports: readonly string[];
}

/**
 * Prints the gzipped JavaScript a route downloads (entry + the route's lazy chunk + every chunk
 * they import statically) and fails the build when it is over budget. Vite's own size table is
 * per chunk and cannot say what one route costs.
 */
export function routeBudget(options: RouteBudgetOptions): Plugin {
  return {
    name: 'route-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      let entry: string | undefined;
      let page: string | undefined;
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(fileName, { code: item.code, imports: item.imports });
        if (item.isEntry) entry = fileName;
        if (item.facadeModuleId?.replaceAll('\\', '/').endsWith(options.module)) page = fileName;
      }
      if (entry === undefined || page === undefined) {
        this.error(`route-budget: could not find the entry chunk or the chunk of ${options.module}`);
      }
      const files = staticClosure([entry, page], chunks);
      let total = 0;
      const lines = files.map((file) => {
        const size = gzipSync(chunks.get(file)?.code ?? '').length;
        total += size;
        return `  ${file.padEnd(44)} ${kb(size)}`;
      });
      const verdict = total <= options.limitBytes ? 'within' : 'OVER';
      const report = [
        `JavaScript for ${options.route} (gzip):`,
        ...lines,
        `  ${'total'.padEnd(44)} ${kb(total)} — ${verdict} the ${kb(options.limitBytes)} budget`,
      ].join('\n');
      console.log(`\n${report}\n`);
      if (total > options.limitBytes) this.error(`route-budget: ${options.route} ships ${kb(total)} gzipped JS`);
    },
  };
}

function staticClosure(roots: string[], chunks: Map<string, ChunkInfo>): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of chunks.get(file)?.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return [...seen];
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}
