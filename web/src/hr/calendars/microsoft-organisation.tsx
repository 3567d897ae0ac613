import { Show } from 'solid-js';
import { trpc, type OrganisationCalendarsStatus } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { ProblemMessage } from '../problem-message';
import { MicrosoftOrganisationForm } from './microsoft-organisation-form';

const when = (iso: string) => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * The organisation's Microsoft 365 connection as every HR user sees it: which app registration in
 * which tenant, who set it, how many interviewers read through it; the secret never leaves. An
 * admin signed in here sets or removes it, unless the server's environment sets it
 * (MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET).
 */
export function MicrosoftOrganisation(props: { status: OrganisationCalendarsStatus; isAdmin: boolean; onChanged: (what: string) => void }) {
  const remove = createMutation(() => trpc.hr.organisationCalendars.disconnectMicrosoft.mutate());
  return (
    <section class="card" aria-labelledby="microsoft-organisation-title">
      <h2 id="microsoft-organisation-title">{ht('hr.orgCalendars.microsoft')}</h2>
      <Show when={props.status.microsoft} fallback={<p class="empty">{ht('hr.orgCalendars.microsoftNone')}</p>}>
        {(microsoft) => (
          <dl class="facts">
            <dt>{ht('hr.orgCalendars.app')}</dt>
            <dd>
              <HrWords message="hr.orgCalendars.appAt" values={{ client: <Data>{microsoft().clientId}</Data>, tenant: <Data>{microsoft().tenantId}</Data> }} />
            </dd>
            <dt>{ht('hr.orgCalendars.setBy')}</dt>
            <dd>
              <Show when={microsoft().source === 'console'} fallback={<HrWords message="hr.orgCalendars.fromEnv" values={{ variable: <code translate="no">MICROSOFT_CLIENT_SECRET</code> }} />}>
                <HrWords message="hr.orgCalendars.connectedBy" values={{ who: <Data>{microsoft().connectedBy}</Data>, when: when(microsoft().connectedAt) }} />
              </Show>
            </dd>
            <dt>{ht('hr.orgCalendars.interviewersLabel')}</dt>
            <dd>{ht('hr.orgCalendars.interviewers', { count: microsoft().interviewers })}</dd>
            <Show when={!microsoft().secretOpens}>
              <dt>{ht('hr.orgCalendars.problem')}</dt>
              <dd>
                <strong>{ht('hr.orgCalendars.secretBroken')}</strong>
              </dd>
            </Show>
          </dl>
        )}
      </Show>
      <Show when={props.isAdmin && props.status.microsoft?.source !== 'env'} fallback={<Show when={!props.isAdmin}><p class="hint">{ht('hr.orgCalendars.adminsOnly')}</p></Show>}>
        <MicrosoftOrganisationForm onSaved={() => props.onChanged(ht('hr.orgCalendars.microsoftSaved'))} />
        <Show when={props.status.microsoft}>
          <button type="button" disabled={remove.pending()} onClick={() => void remove.run().then((done) => done && props.onChanged(ht('hr.orgCalendars.microsoftRemoved')))}>
            {ht('hr.orgCalendars.microsoftDisconnect')}
          </button>
          <ProblemMessage problem={remove.problem()} />
        </Show>
      </Show>
    </section>
  );
}
