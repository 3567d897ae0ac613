import { describe, expect, it } from 'vitest';
import { ActivityFailure, ApplicationFailure, ServiceError, TimeoutFailure, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { DomainError } from '@portal/shared/errors';
import { asDomainError } from './lifecycle-client';

const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: {} });

describe('what a caller is told when the lifecycle does not answer', () => {
  it('an update that timed out becomes UNAVAILABLE with a message to reload and look, not an internal error', () => {
    const told = asDomainError(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: new Error('deadline') }));
    expect(told).toBeInstanceOf(DomainError);
    expect((told as DomainError).code).toBe('UNAVAILABLE');
    expect((told as DomainError).message).toMatch(/Reload the page/);
  });

  it('a server that is unavailable or past its deadline becomes UNAVAILABLE', () => {
    for (const code of [4, 8, 14]) {
      expect((asDomainError(new ServiceError('rpc failed', { cause: grpcError(code) })) as DomainError).code).toBe('UNAVAILABLE');
    }
  });

  it('an update whose step ran out of time or attempts on a loaded worker becomes UNAVAILABLE, not an internal error', () => {
    const timedOut = new TimeoutFailure('activity timed out', undefined, 'START_TO_CLOSE');
    const activity = (cause: Error) => new ActivityFailure('activity failed', 'claimLoopSlots', '1', 'MAXIMUM_ATTEMPTS_REACHED', 'worker', cause);
    for (const cause of [activity(timedOut), activity(ApplicationFailure.create({ type: 'MongoNetworkError', message: 'socket closed' })), timedOut]) {
      const told = asDomainError(new WorkflowUpdateFailedError('update failed', cause));
      expect((told as DomainError).code).toBe('UNAVAILABLE');
    }
    // A refusal an activity made keeps its code through asUpdateFailure, and so here too.
    const refusedInActivity = new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: 'SLOT_TAKEN', message: 'taken', nonRetryable: true }));
    expect((asDomainError(refusedInActivity) as DomainError).code).toBe('SLOT_TAKEN');
  });

  it('a refusal by the workflow keeps its own code, and an unrelated server error stays internal', () => {
    const refused = new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: 'SLOT_TAKEN', message: 'taken', nonRetryable: true }));
    expect((asDomainError(refused) as DomainError).code).toBe('SLOT_TAKEN');
    const invalid = new ServiceError('bad request', { cause: grpcError(3) });
    expect(asDomainError(invalid)).toBe(invalid);
  });
});
