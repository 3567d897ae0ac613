import { For, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';

type Provider = 'google' | 'microsoft';

const BUTTON: Record<Provider, HrMessageKey> = { google: 'hr.calendar.connectWithGoogle', microsoft: 'hr.calendar.connectWithMicrosoft' };
const OUTCOME: Record<string, HrMessageKey> = {
  connected: 'hr.calendar.grant.connected',
  CONSENT_DENIED: 'hr.calendar.grant.denied',
  STATE_INVALID: 'hr.calendar.grant.invalid',
  STATE_USED: 'hr.calendar.grant.used',
  STATE_EXPIRED: 'hr.calendar.grant.expired',
  GRANT_REFUSED: 'hr.calendar.grant.refused',
  PROVIDER_UNREACHABLE: 'hr.calendar.grant.unreachable',
};

/**
 * Admins: the interviewer's own calendar grant (docs/adr/0061), offered for a provider only while
 * the organisation grants nothing there. The button sends the browser to the provider's sign-in
 * (the interviewer signs in there, or HR hands them the device); the provider sends it back here
 * with `?calendarGrant=` saying how it ended.
 */
export function OwnCalendarGrant(props: { interviewerId: string; offered: Record<Provider, boolean> | undefined }) {
  const [search] = useSearchParams();
  const asked = () => (typeof search.calendarGrant === 'string' ? search.calendarGrant : '');
  const start = createMutation(async (provider: Provider) => {
    const { url } = await trpc.hr.calendars.startOwnGrant.mutate({ interviewerId: props.interviewerId, provider });
    location.assign(url);
  });
  const providers = () => (['google', 'microsoft'] as const).filter((p) => props.offered?.[p] === true);
  const outcome = (): HrMessageKey | undefined => OUTCOME[asked()];
  return (
    <div>
      <LiveMessage tone={asked() === 'connected' ? 'success' : 'error'} when={outcome()}>
        {ht(outcome() ?? 'hr.calendar.grant.invalid')}
      </LiveMessage>
      <Show when={providers().length > 0}>
        <h3>{ht('hr.calendar.ownGrantTitle')}</h3>
        <p class="hint">{ht('hr.calendar.ownGrantHint')}</p>
        <For each={providers()}>
          {(provider) => (
            <button type="button" disabled={start.pending()} onClick={() => void start.run(provider)}>
              {ht(BUTTON[provider])}
            </button>
          )}
        </For>
        <ProblemMessage problem={start.problem()} />
      </Show>
    </div>
  );
}
