// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

/** Modules with side effects outside the workflow sandbox; their types are still welcome. */
const NON_DETERMINISTIC_PACKAGES = ['@temporalio/activity', '@temporalio/worker', '@temporalio/client', 'mongoose', 'jsonwebtoken'];

/**
 * A relative path that climbs out of its package into another's `src` (`../scripts/src/paths`,
 * `../../packages/db/src/x`) or into a workspace folder by name (`../tests/support/fixtures`).
 * A climb back into the package's own `src` (`../src/app` from `testing/`) names no folder before it.
 */
const CROSS_PACKAGE_PATH = String.raw`^(\.\./)+((([^./][^/]*/)+src)|packages|services|scripts|tests|web|bench)(/|$)`;

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      '.data/**',
      'web/dist/**',
      '**/histories/**',
      '**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['packages/**/*.ts', 'services/**/*.ts', 'scripts/**/*.ts', 'web/src/**/*.{ts,tsx}', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: {
        // Type information, for no-floating-promises, from one program over every linted package
        // (tsconfig.eslint.json): a program per package (projectService) checked the shared packages
        // once in each, 114 s of CPU for the lint against 72 s (docs/adr/0064).
        project: ['./tsconfig.eslint.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `_` marks an argument kept for its position (express handlers, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Packages meet by name through their `exports` (docs/architecture.md), so dependencies point one way.
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: CROSS_PACKAGE_PATH, message: "Import another package by its name through its exports (add a named subpath to its package.json), not by a relative path into it." }] },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no clocks, no clients. It is the
    // bundle's entry and the files at the top of each feature folder; a feature's activities sit in
    // its `activities/` folder, the operators' scripts in `ops/`, the worker's Schedules in `schedules/`.
    files: ['services/workflows/src/workflows.ts', 'services/workflows/src/*/*.ts'],
    ignores: ['**/*.test.ts', 'services/workflows/src/ops/**', 'services/workflows/src/schedules/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins are not deterministic; use an activity.' })),
            ...NON_DETERMINISTIC_PACKAGES.map((name) => ({
              name,
              allowTypeImports: true,
              message: 'Workflow code may import only the types of this package; call it from an activity.',
            })),
          ],
          patterns: [{ group: ['node:*'], message: 'Node built-ins are not deterministic; use an activity.' }],
        },
      ],
    },
  },
);
