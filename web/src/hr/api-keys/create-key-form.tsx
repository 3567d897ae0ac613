import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { API_KEY_NAME_MAX, API_KEY_SCOPES, apiKeyCreateInput, type ApiKeyScope } from '@portal/shared/api-key-inputs';
import { trpc, type NewApiKey } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { InputField } from '../../ui/input-field';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { ProblemMessage } from '../problem-message';
import { NewKeyNotice } from './new-key-notice';
import { scopeLabel } from './scope-labels';
import { hrFieldWords, ht } from '../hr-language';

interface Draft {
  name: string;
  scopes: ApiKeyScope[];
}

const blank = (): Draft => ({ name: '', scopes: ['read'] });

export function CreateKeyForm(props: { onCreated: () => void }) {
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [created, setCreated] = createSignal<NewApiKey | null>(null);
  const create = createMutation((input: Draft) => trpc.hr.apiKeys.create.mutate(input));
  const error = (path: string) => messagesAt({ ...create.problem()?.fieldErrors, ...checkErrors() }, path);

  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setForm('scopes', (scopes) => (on ? [...scopes.filter((s) => s !== scope), scope] : scopes.filter((s) => s !== scope)));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated(null);
    const checked = apiKeyCreateInput.safeParse(form);
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return;
    const key = await create.run(checked.data);
    if (key === undefined) return;
    setCreated(key);
    setForm(blank());
    props.onCreated();
  }

  return (
    <form class="card" onSubmit={submit} novalidate aria-labelledby="create-key-title">
      <h2 id="create-key-title">{ht('hr.keys.create')}</h2>
      <InputField
        id="new-key-name"
        label={ht('hr.keys.name')}
        type="text"
        autocomplete="off"
        maxLength={API_KEY_NAME_MAX + 20}
        value={form.name}
        hint={ht('hr.keys.nameHint', { max: API_KEY_NAME_MAX })}
        error={error('name')}
        onInput={(input) => setForm('name', input.value)}
      />
      <fieldset class="field" aria-describedby="new-key-scopes-error">
        <legend>{ht('hr.keys.scopes')}</legend>
        <For each={API_KEY_SCOPES}>
          {(scope) => (
            <label class="check">
              <input type="checkbox" checked={form.scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
              {scopeLabel(scope)}
            </label>
          )}
        </For>
        <FieldError id="new-key-scopes-error" message={error('scopes')} />
      </fieldset>
      <ProblemMessage problem={create.problem()?.code === 'BAD_INPUT' ? null : create.problem()} />
      <Show when={created()}>{(key) => <NewKeyNotice apiKey={key()} onDone={() => setCreated(null)} />}</Show>
      <button type="submit" class="primary" disabled={create.pending()}>
        {create.pending() ? ht('hr.keys.creating') : ht('hr.keys.createButton')}
      </button>
    </form>
  );
}
