import { Match, Switch } from 'solid-js';
import type { ApiProblem } from '../api-error';
import { usePageTitle } from '../ui/page-title';

interface LinkProblemProps {
  problem: ApiProblem;
  onRetry: () => void;
}

/** The page for a link that does not open an interview, one per reason, each saying what to do. */
export function LinkProblem(props: LinkProblemProps) {
  const code = () => props.problem.code;
  usePageTitle(() => (code() === 'LINK_EXPIRED' ? 'Link expired' : code() === 'RATE_LIMITED' ? 'Too many tries' : 'Link problem'));
  return (
    <section class="card end-page" aria-labelledby="problem-title">
      <Switch
        fallback={
          <>
            <h1 id="problem-title">We can't open your interview right now</h1>
            <p>{props.problem.message}</p>
            <p>Your link is fine to keep. Try again in a moment.</p>
            <button type="button" onClick={() => props.onRetry()}>
              Try again
            </button>
          </>
        }
      >
        <Match when={code() === 'LINK_EXPIRED'}>
          <h1 id="problem-title">This link has expired</h1>
          <p>
            This link has expired — ask HR for a new one. Reply to your invitation email and we'll send a fresh
            link.
          </p>
        </Match>
        <Match when={code() === 'LINK_INVALID' || code() === 'NOT_FOUND' || code() === 'BAD_INPUT'}>
          <h1 id="problem-title">This link isn't valid</h1>
          <p>We couldn't find an interview for this link. Open it straight from your invitation email, making sure the whole link was copied.</p>
          <p>If it still doesn't work, reply to your invitation email and we'll help.</p>
        </Match>
        <Match when={code() === 'LINK_SUPERSEDED'}>
          <h1 id="problem-title">This interview was replaced</h1>
          <p>This interview was replaced by a newer one; use the link in your latest email.</p>
        </Match>
        <Match when={code() === 'INTERVIEW_CANCELLED'}>
          <h1 id="problem-title">This interview is cancelled</h1>
          <p>There's nothing to book on this link any more. If you'd like a new time, reply to your invitation email.</p>
        </Match>
        <Match when={code() === 'RATE_LIMITED'}>
          <h1 id="problem-title">Too many tries</h1>
          <p>Please wait a minute, then try again.</p>
          <button type="button" onClick={() => props.onRetry()}>
            Try again
          </button>
        </Match>
      </Switch>
    </section>
  );
}
