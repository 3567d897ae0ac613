import { createSignal } from 'solid-js';
import { toApiProblem, type ApiProblem } from '../api/api-error';

/**
 * A server call started by the user: pending while in flight, the refusal kept for display.
 * `run` resolves to the result, or to undefined after a refusal (read it from `problem`).
 */
export function createMutation<Args extends unknown[], Result>(call: (...args: Args) => Promise<Result>) {
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);

  async function run(...args: Args): Promise<Result | undefined> {
    setPending(true);
    setProblem(null);
    try {
      return await call(...args);
    } catch (error) {
      setProblem(toApiProblem(error));
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { run, pending, problem, clear: () => setProblem(null) };
}
