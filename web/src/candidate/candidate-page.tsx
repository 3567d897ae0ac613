import { Match, Switch, createResource } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc } from '../trpc';
import { toApiProblem } from '../api-error';
import { Loading } from '../ui/loading';
import { LinkProblem } from './link-problem';
import { CandidateInterview } from './candidate-interview';
import { prefetchFreeTimes } from './free-times';

/** /b/:token — everything a candidate does happens on this one page, keyed by their link. */
export default function CandidatePage() {
  const params = useParams();
  const token = () => params['token'] ?? '';
  // Details and free times leave in one batched request: the picker then needs no second round trip.
  // Only on opening: a later reload of the details (onStale) leaves the picker to ask for itself.
  let opening = true;
  const [view, { mutate, refetch }] = createResource(token, (t) => {
    if (opening) prefetchFreeTimes(t);
    opening = false;
    return trpc.candidate.view.query({ token: t });
  });

  return (
    <main class="page candidate-page" id="main">
      <Switch fallback={<Loading what="your interview" />}>
        <Match when={view.state === 'errored'}>
          <LinkProblem problem={toApiProblem(view.error)} onRetry={() => void refetch()} />
        </Match>
        {/* `latest`, not view(): a refetch (onStale) must not suspend the app shell and blank the page. */}
        <Match when={view.state !== 'errored' && view.latest}>
          {(current) => (
            <CandidateInterview
              view={current()}
              token={token()}
              onChange={(next) => mutate(next)}
              onStale={() => void refetch()}
            />
          )}
        </Match>
      </Switch>
    </main>
  );
}
