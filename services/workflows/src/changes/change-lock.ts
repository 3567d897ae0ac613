import { condition } from '@temporalio/workflow';
import { asUpdateFailure } from './failures';

/**
 * A workflow's changes, one at a time. `exclusive(work)` waits until the start's own work is done
 * (`started`), then until no other change runs and `free` holds, and runs `work`, whose refusal
 * reaches the update's caller as a typed failure. Each change re-checks its rule once it holds the
 * lock. One condition pass wakes every waiter whose condition holds, so a woken waiter looks again
 * before taking the lock: two updates arriving in one workflow task would otherwise both run.
 */
export function createChangeLock(started: () => boolean, free: () => boolean = () => true) {
  let busy = false;
  return async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!started()) await condition(started);
    while (busy || !free()) await condition(() => !busy && free());
    busy = true;
    try {
      return await work();
    } catch (error) {
      throw asUpdateFailure(error);
    } finally {
      busy = false;
    }
  };
}
