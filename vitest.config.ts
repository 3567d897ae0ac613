import { defineConfig } from 'vitest/config';
import { FAST_TEST_FILES } from './vitest.fast-files';
import { SlowFirstSequencer } from './vitest.slow-first';

const exclude = ['**/node_modules/**', '**/dist/**', '**/.tools/**', '**/.data/**'];

// docker-compose.yml rehearsed on this machine's images (docs/adr/0070): its own lane, `pnpm
// test:compose`, outside the suite's time budget.
const COMPOSE_TESTS = 'tests/compose/**';
const composeProject = {
  extends: true,
  test: { name: 'compose', include: [`${COMPOSE_TESTS}/*.test.ts`], exclude, maxWorkers: 1, testTimeout: 240_000 },
} as const;

// One run across every package, in two projects (docs/adr/0017):
// - `fast`: the files listed in vitest.fast-files.ts, which need no infrastructure; no global
//   setup, so `pnpm test:fast` answers in seconds.
// - `integration`: every other test file, against the real infrastructure the global setup
//   starts. A file nobody listed lands here, so a new file always gets the infrastructure.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // A beforeAll that starts a portal waits up to two minutes for each service on a busy machine.
    hookTimeout: 180_000,
    // Forks, not threads: Temporal's native worker bridge and the mongodb driver are happier
    // in their own processes. Four workers on a two-core machine: the integration files mostly wait
    // for timers, so fewer left the cores idle (863 s of vitest on two, 688 s on three, 623 s on
    // four, with the same CPU time); the timing-bound tests hold under that load (docs/adr/0044).
    pool: 'forks',
    maxWorkers: 4,
    // The files that wait longest start first, so the run does not end waiting on one of them.
    sequence: { sequencer: SlowFirstSequencer },
    // Counts assertions per test when ASSERTION_COUNT_FILE names a file; nothing otherwise.
    setupFiles: ['scripts/src/test-setup/assertion-count.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: [...FAST_TEST_FILES],
          exclude,
          // A listed file that reaches for the test servers fails at once (per-file.ts) instead of
          // passing only when the integration project's setup happens to run beside it.
          env: { MONGO_URL: '', TEMPORAL_ADDRESS: '', SINK_URL: '' },
          // Files share a worker's module cache instead of importing everything again: about half
          // the CPU time (docs/adr/0017). A listed file restores what it changes (timers, mocks, env).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.test.ts'],
          exclude: [...exclude, ...FAST_TEST_FILES, COMPOSE_TESTS],
          globalSetup: ['scripts/src/test-setup/global-setup.ts'],
          // Each worker loads the test support, the clients and the drivers once for all its files
          // instead of once per file: about 1.7 s of CPU per file on a machine whose cores the run
          // keeps busy from start to end (docs/testing.md). A file restores what it changes, and
          // no file here replaces a module (vi.mock): under a shared module cache a replacement
          // reaches the files after it, or misses modules loaded before it.
          isolate: false,
          // A page or a service polled for a state it reaches on its own (focus moved, a list
          // refreshed): vitest's default second is short for a loaded machine; the state asserted is
          // the same, and a test that names its own timeout keeps it (docs/adr/0044).
          expect: { poll: { timeout: 10_000 } },
        },
      },
      ...(process.env.TEST_COMPOSE === '1' ? [composeProject] : []),
    ],
  },
});
