import { Match, Show, Switch, createResource } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc } from '../trpc';
import { toApiProblem, type ApiProblem } from '../api-error';
import { formatRange } from '../time/format';
import { Loading } from '../ui/loading';
import { ScorecardForm } from './scorecard-form';

/** /f/:token — an interviewer's scorecard for one interview, opened from the feedback email. */
export default function FeedbackPage() {
  const params = useParams();
  const token = () => params['token'] ?? '';
  const [view, { mutate, refetch }] = createResource(token, (t) => trpc.feedback.view.query({ token: t }));
  document.title = 'Interview feedback';

  return (
    <main class="page" id="main">
      <Switch fallback={<Loading what="the scorecard" />}>
        <Match when={view.state === 'errored'}>
          <FeedbackLinkProblem problem={toApiProblem(view.error)} onRetry={() => void refetch()} />
        </Match>
        <Match when={view.state !== 'errored' && view.latest}>
          {(current) => (
            <>
              <section class="card" aria-labelledby="feedback-title">
                <h1 id="feedback-title">Feedback on {current().candidateName}</h1>
                <p>
                  {current().kindLabel} for {current().position}
                  <Show when={current().start && current().end}>
                    {' '}
                    · {formatRange(current().start ?? '', current().end ?? '', current().interviewerTimezone)} (
                    {current().interviewerTimezone.replaceAll('_', ' ')})
                  </Show>
                </p>
                <p class="hint">Signed in by your link as {current().interviewerName}.</p>
              </section>
              <ScorecardForm token={token()} view={current()} onSaved={(next) => mutate(next)} />
            </>
          )}
        </Match>
      </Switch>
    </main>
  );
}

function FeedbackLinkProblem(props: { problem: ApiProblem; onRetry: () => void }) {
  return (
    <section class="card end-page" aria-labelledby="problem-title">
      <Switch
        fallback={
          <>
            <h1 id="problem-title">We can't open the scorecard right now</h1>
            <p>{props.problem.message}</p>
            <button type="button" onClick={() => props.onRetry()}>
              Try again
            </button>
          </>
        }
      >
        <Match when={props.problem.code === 'LINK_EXPIRED'}>
          <h1 id="problem-title">This feedback link has expired</h1>
          <p>Ask HR to send a new one; reply to the feedback email.</p>
        </Match>
        <Match when={props.problem.code === 'LINK_SUPERSEDED'}>
          <h1 id="problem-title">A newer feedback link was sent</h1>
          <p>Use the link in the latest feedback email.</p>
        </Match>
        <Match when={props.problem.code === 'LINK_INVALID' || props.problem.code === 'BAD_INPUT'}>
          <h1 id="problem-title">This feedback link isn't valid</h1>
          <p>Open it straight from the feedback email, making sure the whole link was copied.</p>
        </Match>
      </Switch>
    </section>
  );
}
