import { Match, Switch, createResource } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc } from '../trpc';
import { toApiProblem } from '../api-error';
import { Loading } from '../ui/loading';
import { LinkProblem } from './link-problem';
import { CandidateInterview } from './candidate-interview';

/** /b/:token — everything a candidate does happens on this one page, keyed by their link. */
export default function CandidatePage() {
  const params = useParams();
  const token = () => params['token'] ?? '';
  const [view, { mutate, refetch }] = createResource(token, (t) => trpc.candidate.view.query({ token: t }));

  return (
    <main class="page" id="main">
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
