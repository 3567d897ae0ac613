// Preloaded into a service by bench/lifecycle-costs.ts (node --import): counts the service's
// mongoose calls by collection, method and the filter's keys, and writes the counts as JSON to
// BENCH_DB_CALLS_DIR/<service>-<pid>.json every 300 ms while they change.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { setInterval } from 'node:timers';

const dir = process.env.BENCH_DB_CALLS_DIR;
const service = path.basename(process.cwd());
let mongoose;
try {
  mongoose = createRequire(path.join(process.cwd(), '../../packages/db/package.json'))('mongoose');
} catch {
  // tsx's own launcher process, which loads no mongoose
}
if (mongoose && dir) {
  const counts = {};
  let changed = false;
  mongoose.set('debug', (collection, method, filter) => {
    const keys = filter && typeof filter === 'object' && !Array.isArray(filter) ? Object.keys(filter).sort().join(',') : '';
    const key = `${collection}.${method}(${keys})`;
    counts[key] = (counts[key] ?? 0) + 1;
    changed = true;
  });
  setInterval(() => {
    if (!changed) return;
    changed = false;
    writeFileSync(path.join(dir, `${service}-${process.pid}.json`), JSON.stringify(counts));
  }, 300).unref();
}
