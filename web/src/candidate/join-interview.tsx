import { Match, Show, Switch, createSignal } from 'solid-js';
import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { formatDateTime } from '../time/format';
import { intlLocale, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';
import { problemText } from '../api/problem-text';

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
    // An API provider's room still being created: the page already says the link will follow.
    if (result.meetingUrl === null) return;
    setMeetingUrl(result.meetingUrl);
    window.open(result.meetingUrl, '_blank', 'noopener');
  }

  return (
    <div class="join">
      <Switch>
        <Match when={props.view.joinable}>
          <button type="button" class="primary" disabled={join.pending()} onClick={() => void openMeeting()}>
            {join.pending() ? t('page.join.opening') : t('page.join.button')}
          </button>
        </Match>
        <Match when={props.view.status === 'SCHEDULED' && opensLater()}>
          {(opensAt) => (
            <p class="hint">
              <Words
                message="page.join.later"
                values={{
                  when: <time datetime={opensAt()}>{formatDateTime(opensAt(), props.zone, intlLocale())}</time>,
                  zone: <Data>{props.zone.replaceAll('_', ' ')}</Data>,
                }}
              />
            </p>
          )}
        </Match>
      </Switch>
      <LiveMessage tone="error" when={join.problem()}>
        {problemText(join.problem())}
      </LiveMessage>
      <LiveMessage tone="success" when={meetingUrl()}>
        <Words
          message="page.join.meeting"
          values={{
            url: (
              <a href={meetingUrl()} target="_blank" rel="noopener noreferrer" translate="no">
                {meetingUrl()}
              </a>
            ),
          }}
        />
      </LiveMessage>
      <Show when={props.view.joined && props.view.joinable && meetingUrl() === ''}>
        <p class="hint">{t('page.join.joined')}</p>
      </Show>
    </div>
  );
}
