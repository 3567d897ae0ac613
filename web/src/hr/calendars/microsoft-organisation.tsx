import { Show } from 'solid-js';
import type { OrganisationCalendarsStatus } from '../../api/trpc';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';

const when = (iso: string) => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * The organisation's Microsoft 365 connection as every HR user sees it: which app registration in
 * which tenant, who set it, how many interviewers read through it. It is set on the server
 * (MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET); the secret never leaves.
 */
export function MicrosoftOrganisation(props: { status: OrganisationCalendarsStatus }) {
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
    </section>
  );
}
