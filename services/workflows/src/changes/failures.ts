import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from '@portal/shared/errors';
import type { Refusal } from '@portal/shared/rules';

/** A business refusal the caller of an update receives as a typed, non-retryable failure. */
export function refuse(refusal: Refusal): never {
  throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
}

export function refuseIf(refusal: Refusal | null): void {
  if (refusal !== null) refuse(refusal);
}

/**
 * Update handlers must fail with an ApplicationFailure (any other error would fail the workflow
 * task instead of the update). Activity refusals arrive wrapped; domain errors arrive raw.
 */
export function asUpdateFailure(error: unknown): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  if (error instanceof DomainError) {
    return ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true });
  }
  return error;
}

/** A change the store refused for what it holds (docs/adr/0013): failed, undone, nothing to retry. */
export function isStoreRefusal(error: unknown): boolean {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === 'STORE_REFUSED';
}
