import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

interface RouteBudgetOptions {
  /** Shown in the report, e.g. "/b/:token". */
  route: string;
  /** The route's lazily imported page module, relative to the Vite root. */
  module: string;
  /** Modules the route's first visit loads lazily all the same (its language's catalogue), relative to the Vite root. */
  alsoLoaded?: string[];
  limitBytes: number;
}

interface ChunkInfo {
  code: string;
  imports: readonly string[];
}

/**
 * Prints the JavaScript a route downloads, brotli-compressed as it is served (entry + the route's
 * lazy chunk + every chunk they import statically + what the first visit loads lazily all the
 * same) and fails the build when it is over budget: an early word at build time. The budget of
 * record is the browser test that adds up what a first visit transfers, headers included
 * (web/src/candidate-first-visit.browser.test.ts). Vite's own size table is per chunk and cannot
 * say what one route costs.
 */
export function routeBudget(options: RouteBudgetOptions): Plugin {
  return {
    name: 'route-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      let entry: string | undefined;
      let page: string | undefined;
      const lazyLoaded: string[] = [];
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(fileName, { code: item.code, imports: item.imports });
        if (item.isEntry) entry = fileName;
        const id = item.facadeModuleId?.replaceAll('\\', '/');
        if (id?.endsWith(options.module)) page = fileName;
        if (options.alsoLoaded?.some((module) => id?.endsWith(module))) lazyLoaded.push(fileName);
      }
      if (entry === undefined || page === undefined) {
        this.error(`route-budget: could not find the entry chunk or the chunk of ${options.module}`);
      }
      const files = staticClosure([entry, page, ...lazyLoaded], chunks);
      let total = 0;
      const lines = files.map((file) => {
        const size = brotliCompressSync(chunks.get(file)?.code ?? '', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        total += size;
        return `  ${file.padEnd(44)} ${kb(size)}`;
      });
      const verdict = total <= options.limitBytes ? 'within' : 'OVER';
      const report = [
        `JavaScript for ${options.route} (brotli):`,
        ...lines,
        `  ${'total'.padEnd(44)} ${kb(total)} — ${verdict} the ${kb(options.limitBytes)} budget`,
      ].join('\n');
      console.log(`\n${report}\n`);
      if (total > options.limitBytes) this.error(`route-budget: ${options.route} ships ${kb(total)} of JS (brotli)`);
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
