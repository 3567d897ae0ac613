import { describe, expect, it } from 'vitest';
import { loadEnv, workflowCacheOptions } from './env';

describe('the workflows worker memory settings', () => {
  it('bound the cache, the task slots and the workflow heap by default, with one V8 context and no stack-trace hook', () => {
    const env = loadEnv({});
    expect(workflowCacheOptions(env)).toEqual({ maxCachedWorkflows: 100, maxConcurrentWorkflowTaskExecutions: 40, reuseV8Context: true });
    expect(env.WORKFLOW_HEAP_MB).toBe(128);
    expect(env.WORKFLOW_STACK_TRACES).toBe(false);
    expect(loadEnv({ WORKFLOW_STACK_TRACES: 'true' }).WORKFLOW_STACK_TRACES).toBe(true);
    expect(() => loadEnv({ WORKFLOW_STACK_TRACES: 'yes' })).toThrow(/WORKFLOW_STACK_TRACES/);
  });

  it('refuse more task slots than cached lifecycles, naming the variable', () => {
    expect(() => loadEnv({ WORKFLOW_CACHE_SIZE: '20', WORKFLOW_TASK_SLOTS: '40' })).toThrow(/WORKFLOW_TASK_SLOTS: at most WORKFLOW_CACHE_SIZE/);
    expect(workflowCacheOptions(loadEnv({ WORKFLOW_CACHE_SIZE: '500', WORKFLOW_TASK_SLOTS: '80', WORKFLOW_REUSE_V8_CONTEXT: 'false' }))).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 80,
      reuseV8Context: false,
    });
  });
});
