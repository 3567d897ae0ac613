import { createEffect } from 'solid-js';
import type { ApiProblem } from '../api/api-error';
import { LiveMessage } from '../ui/live-message';
import { useSession } from './session';

/** A refused HR call, said plainly; an ended session sends the user back to sign-in. */
export function ProblemMessage(props: { problem: ApiProblem | null | undefined }) {
  const session = useSession();
  createEffect(() => {
    if (props.problem?.code === 'UNAUTHORIZED') session.recheck();
  });
  return (
    <LiveMessage tone="error" when={props.problem}>
      {props.problem?.message}
    </LiveMessage>
  );
}
