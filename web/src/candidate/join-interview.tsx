import { Match, Show, Switch, createSignal } from 'solid-js';
import { trpc, type CandidateView } from '../trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { formatDateTime } from '../time/format';

interface JoinInterviewProps {
  view: CandidateView;
  token: string;
  zone: string;
  onStale: () => void;
}

export function JoinInterview(props: JoinInterviewProps) {
  const [meetingUrl, setMeetingUrl] = createSignal('');
  const opensLater = () => {
    const opensAt = props.view.joinOpensAt;
    return opensAt !== null && Date.parse(opensAt) > Date.now() ? opensAt : undefined;
  };
  const join = createMutation(() => trpc.candidate.join.mutate({ token: props.token }));

  async function openMeeting() {
    const result = await join.run();
    if (result === undefined) {
      if (join.problem()?.code === 'NOT_JOINABLE') props.onStale();
      return;
    }
    setMeetingUrl(result.meetingUrl);
    window.open(result.meetingUrl, '_blank', 'noopener');
  }

  return (
    <div class="join">
      <Switch>
        <Match when={props.view.joinable}>
          <button type="button" class="primary" disabled={join.pending()} onClick={() => void openMeeting()}>
            {join.pending() ? 'Opening…' : 'Join interview'}
          </button>
        </Match>
        <Match when={props.view.status === 'SCHEDULED' && opensLater()}>
          {(opensAt) => (
            <p class="hint">
              You can join from {formatDateTime(opensAt(), props.zone)} ({props.zone.replaceAll('_', ' ')}). This page will
              show a Join button then.
            </p>
          )}
        </Match>
      </Switch>
      <LiveMessage tone="error" when={join.problem()}>
        {join.problem()?.message}
      </LiveMessage>
      <LiveMessage tone="success" when={meetingUrl()}>
        Your meeting:{' '}
        <a href={meetingUrl()} target="_blank" rel="noopener noreferrer">
          {meetingUrl()}
        </a>
      </LiveMessage>
      <Show when={props.view.joined && props.view.joinable && meetingUrl() === ''}>
        <p class="hint">You've joined this interview. Use Join again if you closed the meeting.</p>
      </Show>
    </div>
  );
}
