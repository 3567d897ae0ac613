import { createStore } from 'solid-js/store';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { InputField } from '../../ui/input-field';
import { messagesAt } from '../../ui/field-errors';
import { ht } from '../hr-language';
import { OrganisationFormEnd } from './organisation-form-end';

const EMPTY = { tenantId: '', clientId: '', clientSecret: '', checkEmail: '' };

/**
 * Admins: the organisation's Entra ID app registration (tenant, client id, a client secret's value)
 * and an address in the tenant the portal asks getSchedule about once, to check the app's consent
 * before anything is stored.
 */
export function MicrosoftOrganisationForm(props: { onSaved: () => void }) {
  const [form, setForm] = createStore({ ...EMPTY });
  const save = createMutation(() => trpc.hr.organisationCalendars.connectMicrosoft.mutate({ ...form }));
  const error = (path: string) => messagesAt(save.problem()?.fieldErrors ?? {}, path);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await save.run()) === undefined) return;
    setForm({ ...EMPTY });
    props.onSaved();
  }

  return (
    <form onSubmit={(e) => void submit(e)} novalidate aria-labelledby="microsoft-organisation-form-title">
      <h3 id="microsoft-organisation-form-title">{ht('hr.orgCalendars.microsoftSet')}</h3>
      <InputField
        id="microsoft-tenant-id"
        label={ht('hr.orgCalendars.tenantLabel')}
        hint={ht('hr.orgCalendars.tenantHint')}
        autocomplete="off"
        spellcheck={false}
        value={form.tenantId}
        error={error('tenantId')}
        onInput={(input) => setForm('tenantId', input.value)}
      />
      <InputField
        id="microsoft-client-id"
        label={ht('hr.orgCalendars.clientLabel')}
        autocomplete="off"
        spellcheck={false}
        value={form.clientId}
        error={error('clientId')}
        onInput={(input) => setForm('clientId', input.value)}
      />
      <InputField
        id="microsoft-client-secret"
        label={ht('hr.orgCalendars.secretLabel')}
        hint={ht('hr.orgCalendars.secretHint')}
        type="password"
        autocomplete="off"
        value={form.clientSecret}
        error={error('clientSecret')}
        onInput={(input) => setForm('clientSecret', input.value)}
      />
      <OrganisationFormEnd
        id="microsoft-check-email"
        label="hr.orgCalendars.microsoftCheckEmail"
        value={form.checkEmail}
        error={error('checkEmail')}
        onInput={(value) => setForm('checkEmail', value)}
        problem={save.problem()}
        pending={save.pending()}
      />
    </form>
  );
}
