import { Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { usePageTitle } from '../../ui/page-title';
import { Loaded } from '../loaded';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { GoogleOrganisationForm } from './google-organisation-form';
import { MicrosoftOrganisation } from './microsoft-organisation';

const when = (iso: string) => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * /hr/calendars: the organisation-wide calendar connections (docs/calendars.md). Every HR user
 * sees whether Google and Microsoft 365 are connected and how many interviewers read through each;
 * an admin signed in here sets or removes either, unless the server's environment sets it.
 */
export default function CalendarsPage() {
  usePageTitle(() => ht('hr.orgCalendars.title'));
  const isAdmin = useIsAdmin();
  const [status, { refetch }] = createResource(() => trpc.hr.organisationCalendars.status.query());
  const [notice, setNotice] = createSignal('');
  const remove = createMutation(() => trpc.hr.organisationCalendars.disconnectGoogle.mutate());
  const changed = (what: string) => {
    setNotice(what);
    void refetch();
  };
  return (
    <>
      <h1>{ht('hr.orgCalendars.title')}</h1>
      <p class="hint">{ht('hr.orgCalendars.intro')}</p>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <Loaded resource={status} retry={() => void refetch()} what={ht('hr.orgCalendars.loading')}>
        {(current) => (
          <>
            <section class="card" aria-labelledby="google-organisation-title">
              <h2 id="google-organisation-title">{ht('hr.orgCalendars.google')}</h2>
              <Show when={current().google} fallback={<p class="empty">{ht('hr.orgCalendars.googleNone')}</p>}>
                {(google) => (
                  <dl class="facts">
                    <dt>{ht('hr.orgCalendars.account')}</dt>
                    <dd>
                      <Data>{google().account}</Data>
                    </dd>
                    <dt>{ht('hr.orgCalendars.setBy')}</dt>
                    <dd>
                      <Show when={google().source === 'console'} fallback={<HrWords message="hr.orgCalendars.fromEnv" values={{ variable: <code translate="no">GOOGLE_SERVICE_ACCOUNT_KEY</code> }} />}>
                        <HrWords message="hr.orgCalendars.connectedBy" values={{ who: <Data>{google().connectedBy}</Data>, when: when(google().connectedAt) }} />
                      </Show>
                    </dd>
                    <dt>{ht('hr.orgCalendars.interviewersLabel')}</dt>
                    <dd>{ht('hr.orgCalendars.interviewers', { count: google().interviewers })}</dd>
                    <Show when={!google().keyOpens}>
                      <dt>{ht('hr.orgCalendars.problem')}</dt>
                      <dd>
                        <strong>{ht('hr.orgCalendars.keyBroken')}</strong>
                      </dd>
                    </Show>
                  </dl>
                )}
              </Show>
              <Show when={isAdmin() && current().google?.source !== 'env'} fallback={<Show when={!isAdmin()}><p class="hint">{ht('hr.orgCalendars.adminsOnly')}</p></Show>}>
                <GoogleOrganisationForm onSaved={() => changed(ht('hr.orgCalendars.saved'))} />
                <Show when={current().google}>
                  <button type="button" disabled={remove.pending()} onClick={() => void remove.run().then((done) => done && changed(ht('hr.orgCalendars.removed')))}>
                    {ht('hr.orgCalendars.disconnect')}
                  </button>
                  <ProblemMessage problem={remove.problem()} />
                </Show>
              </Show>
            </section>
            <MicrosoftOrganisation status={current()} isAdmin={isAdmin()} onChanged={changed} />
          </>
        )}
      </Loaded>
    </>
  );
}
