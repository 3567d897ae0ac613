import { Show, createResource } from 'solid-js';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';

/**
 * Admins: the interviewer's Google calendar through the organisation's Google connection, one
 * button; without that connection, where to set it up.
 */
export function GoogleCalendarChoice(props: { interviewerId: string; onConnected: () => void }) {
  const [organisation] = createResource(() => trpc.hr.organisationCalendars.status.query());
  const connect = createMutation(() => trpc.hr.calendars.connectGoogle.mutate({ interviewerId: props.interviewerId }));
  return (
    <div>
      <h3>{ht('hr.calendar.googleTitle')}</h3>
      <Show when={organisation()?.google} fallback={<p class="hint">{ht('hr.calendar.noOrganisationGoogle')}</p>}>
        <p class="hint">{ht('hr.calendar.useGoogleHint')}</p>
        <button type="button" disabled={connect.pending()} onClick={() => void connect.run().then((done) => done && props.onConnected())}>
          {connect.pending() ? ht('hr.calendar.connecting') : ht('hr.calendar.useGoogle')}
        </button>
        <ProblemMessage problem={connect.problem()} />
      </Show>
    </div>
  );
}
