import { Show, createResource } from 'solid-js';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';

/**
 * Admins: the interviewer's Microsoft 365 calendar through the organisation's Microsoft app
 * registration, one button; without that connection, where it is set up.
 */
export function MicrosoftCalendarChoice(props: { interviewerId: string; onConnected: () => void }) {
  const [organisation] = createResource(() => trpc.hr.organisationCalendars.status.query());
  const connect = createMutation(() => trpc.hr.calendars.connectMicrosoft.mutate({ interviewerId: props.interviewerId }));
  return (
    <div>
      <h3>{ht('hr.calendar.microsoftTitle')}</h3>
      <Show when={organisation()?.microsoft} fallback={<p class="hint">{ht('hr.calendar.noOrganisationMicrosoft')}</p>}>
        <p class="hint">{ht('hr.calendar.useMicrosoftHint')}</p>
        <button type="button" disabled={connect.pending()} onClick={() => void connect.run().then((done) => done && props.onConnected())}>
          {connect.pending() ? ht('hr.calendar.connecting') : ht('hr.calendar.useMicrosoft')}
        </button>
        <ProblemMessage problem={connect.problem()} />
      </Show>
    </div>
  );
}
