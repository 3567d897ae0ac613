import { createStore } from 'solid-js/store';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { messagesAt } from '../../ui/field-errors';
import { ht } from '../hr-language';
import { OrganisationFormEnd } from './organisation-form-end';

/**
 * Admins: the organisation's Google service account (its key file's JSON) and an address of the
 * Workspace the portal acts as once, to check the delegation before anything is stored.
 */
export function GoogleOrganisationForm(props: { onSaved: () => void }) {
  const [form, setForm] = createStore({ serviceAccountKey: '', checkEmail: '' });
  const save = createMutation(() => trpc.hr.organisationCalendars.connectGoogle.mutate({ ...form }));
  const error = (path: string) => messagesAt(save.problem()?.fieldErrors ?? {}, path);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await save.run()) === undefined) return;
    setForm({ serviceAccountKey: '', checkEmail: '' });
    props.onSaved();
  }

  return (
    <form onSubmit={(e) => void submit(e)} novalidate aria-labelledby="google-organisation-form-title">
      <h3 id="google-organisation-form-title">{ht('hr.orgCalendars.googleSet')}</h3>
      <div class="field">
        <label for="google-service-account-key">{ht('hr.orgCalendars.keyLabel')}</label>
        <textarea
          id="google-service-account-key"
          rows={6}
          autocomplete="off"
          spellcheck={false}
          value={form.serviceAccountKey}
          aria-invalid={error('serviceAccountKey') !== undefined}
          aria-describedby="google-service-account-key-hint google-service-account-key-error"
          onInput={(e) => setForm('serviceAccountKey', e.currentTarget.value)}
        />
        <p class="hint" id="google-service-account-key-hint">
          {ht('hr.orgCalendars.keyHint')}
        </p>
        <FieldError id="google-service-account-key-error" message={error('serviceAccountKey')} />
      </div>
      <OrganisationFormEnd
        id="google-check-email"
        label="hr.orgCalendars.checkEmail"
        value={form.checkEmail}
        error={error('checkEmail')}
        onInput={(value) => setForm('checkEmail', value)}
        problem={save.problem()}
        pending={save.pending()}
      />
    </form>
  );
}
