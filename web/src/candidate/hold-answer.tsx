import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { problemText } from '../api/problem-text';

interface HoldAnswerProps {
  token: string;
  holdId: string;
  /** The buttons' labels and what each answer announces once done, in the page's words for this hold. */
  words: { take: string; pass: string; taken: string; passed: string };
  /** Whether taking it is the page's main action (a time for an invitation) or one beside the booking kept. */
  takeIsPrimary?: boolean;
  onDone: (view: CandidateView, message: string) => void;
}

/**
 * The candidate's answer to a time held for them alone (docs/adr/0072, 0073): take it or let it go.
 * An earlier time from the waitlist and a time offered inside the windows answer the same way.
 */
export function HoldAnswer(props: HoldAnswerProps) {
  const answer = createMutation((take: boolean) => (take ? trpc.candidate.acceptHold : trpc.candidate.declineHold).mutate({ token: props.token, holdId: props.holdId }));
  const run = async (take: boolean) => {
    const view = await answer.run(take);
    if (view !== undefined) props.onDone(view, take ? props.words.taken : props.words.passed);
  };
  return (
    <>
      <div class="actions">
        <button type="button" class={props.takeIsPrimary ? 'primary' : undefined} disabled={answer.pending()} onClick={() => void run(true)}>
          {props.words.take}
        </button>
        <button type="button" disabled={answer.pending()} onClick={() => void run(false)}>
          {props.words.pass}
        </button>
      </div>
      <LiveMessage tone="error" when={answer.problem()}>
        {problemText(answer.problem())}
      </LiveMessage>
    </>
  );
}
