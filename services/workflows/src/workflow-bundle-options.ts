import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * With a reused V8 context every cached lifecycle evaluates its own copy of each module it
 * imports; these hold only constants and pure functions (no per-workflow state, no Temporal
 * API), so they are evaluated once and shared, deep-frozen, by every lifecycle: less memory per
 * cached lifecycle and less work per replay. Anything that touches the workflow API stays out.
 */
export const PRELOADED_WORKFLOW_MODULES = [
  '@portal/shared/errors',
  '@portal/shared/status',
  '@portal/shared/rules',
  '@portal/shared/search-attributes',
  '@portal/shared/lifecycle',
  '@portal/shared/working-days',
  '@portal/shared/email',
  here('./plan/plan.ts'),
  here('./lifecycle/details.ts'),
];

export const workflowBundlerOptions = { preloadModules: PRELOADED_WORKFLOW_MODULES };
