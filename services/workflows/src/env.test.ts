import { describe, expect, it } from 'vitest';
import { DEV_DAILY_API_KEY } from '@portal/shared/meeting-rooms';
import { loadEnv, meetingRoomApis, workflowHeapMb, workflowSandboxOptions } from './env';

describe('the workflows worker memory and sandbox settings', () => {
  it('bound the cache, the task slots and the workflow heap by default, with one V8 context, no stack-trace hook and no per-call deadlock guard', () => {
    const env = loadEnv({});
    expect(workflowSandboxOptions(env)).toEqual({ maxCachedWorkflows: 1000, maxConcurrentWorkflowTaskExecutions: 40, reuseV8Context: true, isolateExecutionTimeout: 0 });
    // A heap that holds the whole cache: 128 MiB and three quarters of a MiB per cached lifecycle.
    expect(workflowHeapMb(env)).toBe(878);
    expect(workflowHeapMb(loadEnv({ WORKFLOW_CACHE_SIZE: '100' }))).toBe(203);
    expect(workflowHeapMb(loadEnv({ WORKFLOW_CACHE_SIZE: '100', WORKFLOW_HEAP_MB: '96' }))).toBe(96);
    expect(() => loadEnv({ WORKFLOW_HEAP_MB: '32' })).toThrow(/WORKFLOW_HEAP_MB/);
    expect(env.WORKFLOW_STACK_TRACES).toBe(false);
    expect(loadEnv({ WORKFLOW_STACK_TRACES: 'true' }).WORKFLOW_STACK_TRACES).toBe(true);
    expect(() => loadEnv({ WORKFLOW_STACK_TRACES: 'yes' })).toThrow(/WORKFLOW_STACK_TRACES/);
  });

  it('turn the deadlock guard on in milliseconds when WORKFLOW_DEADLOCK_SECONDS is set, and refuse a bad value by name', () => {
    expect(workflowSandboxOptions(loadEnv({ WORKFLOW_DEADLOCK_SECONDS: '5' })).isolateExecutionTimeout).toBe(5000);
    expect(() => loadEnv({ WORKFLOW_DEADLOCK_SECONDS: '-1' })).toThrow(/WORKFLOW_DEADLOCK_SECONDS/);
    expect(() => loadEnv({ WORKFLOW_DEADLOCK_SECONDS: 'soon' })).toThrow(/WORKFLOW_DEADLOCK_SECONDS/);
  });

  it('refuse more task slots than cached lifecycles, naming the variable', () => {
    expect(() => loadEnv({ WORKFLOW_CACHE_SIZE: '20', WORKFLOW_TASK_SLOTS: '40' })).toThrow(/WORKFLOW_TASK_SLOTS: at most WORKFLOW_CACHE_SIZE/);
    expect(workflowSandboxOptions(loadEnv({ WORKFLOW_CACHE_SIZE: '500', WORKFLOW_TASK_SLOTS: '80', WORKFLOW_REUSE_V8_CONTEXT: 'false' }))).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 80,
      reuseV8Context: false,
      isolateExecutionTimeout: 0,
    });
  });

  it('call Daily only with a key, and refuse the development key in production by name', () => {
    expect(meetingRoomApis(loadEnv({}))).toEqual({});
    expect(Object.keys(meetingRoomApis(loadEnv({ DAILY_API_KEY: DEV_DAILY_API_KEY })))).toEqual(['daily']);
    expect(() => loadEnv({ NODE_ENV: 'production', DAILY_API_KEY: DEV_DAILY_API_KEY })).toThrow(/DAILY_API_KEY: still the development default/);
    expect(() => loadEnv({ DAILY_API_BASE_URL: 'ftp://daily.example.test' })).toThrow(/DAILY_API_BASE_URL/);
  });
});
