import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { WebhookEventType } from '@portal/shared/webhook-events';
import { createWebhookEndpointInput, type CreateWebhookEndpointInput } from '@portal/shared/webhook-inputs';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { InputField } from '../../ui/input-field';
import { asSentence, fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';
import { ProblemMessage } from '../problem-message';
import { EventPicker } from './event-picker';
import { SigningSecret } from './signing-secret';
import type { WebhookEndpointCreated } from './webhook-types';
import { hrFieldWords, ht } from '../hr-language';

const blank = () => ({ url: '', description: '', events: [] as WebhookEventType[] });

/** Add an endpoint: its URL, a note saying whose it is, and the events it wants. */
export function AddEndpointForm(props: { onCreated: () => void }) {
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [created, setCreated] = createSignal<WebhookEndpointCreated | null>(null);
  const create = createMutation((input: CreateWebhookEndpointInput) => trpc.hr.webhooks.create.mutate(input));
  let formElement: HTMLFormElement | undefined;

  /**
   * The server's address check (a private, loopback or link-local address; docs/adr/0022) answers
   * BAD_INPUT without a field: it is about the URL, so it is said beside the URL.
   */
  const serverErrors = (): FieldErrors => {
    const problem = create.problem();
    if (problem?.code !== 'BAD_INPUT') return {};
    const fields = problem.fieldErrors;
    return Object.keys(fields).length > 0 ? fields : { url: [problem.message.replace(/^url: /, '')] };
  };
  const error = (path: string) => asSentence(messagesAt({ ...serverErrors(), ...checkErrors() }, path));

  /** The secret's box goes; focus goes back to the URL field, ready for another endpoint. */
  const secretStored = () => {
    setCreated(null);
    formElement?.querySelector<HTMLInputElement>('#endpoint-url')?.focus();
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated(null);
    create.clear();
    const description = form.description.trim();
    const checked = createWebhookEndpointInput.safeParse({ url: form.url.trim(), events: form.events, ...(description === '' ? {} : { description }) });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) {
      queueMicrotask(() => focusFirstInvalid(formElement));
      return;
    }
    const endpoint = await create.run(checked.data);
    if (endpoint === undefined) {
      queueMicrotask(() => focusFirstInvalid(formElement));
      return;
    }
    setForm(blank());
    setCreated(endpoint);
    props.onCreated();
  }

  return (
    <section class="card" aria-labelledby="add-endpoint-title">
      <h2 id="add-endpoint-title">{ht('hr.hooks.add')}</h2>
      <Show when={created()}>{(endpoint) => <SigningSecret url={endpoint().url} secret={endpoint().secret} onDone={secretStored} />}</Show>
      <form onSubmit={submit} novalidate ref={formElement}>
        <InputField
          id="endpoint-url"
          label={ht('hr.hooks.url')}
          type="url"
          inputmode="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="https://ats.example.com/hooks/interviews"
          translate="no"
          value={form.url}
          hint={ht('hr.hooks.urlHint')}
          error={error('url')}
          onInput={(input) => setForm('url', input.value)}
        />
        <InputField
          id="endpoint-description"
          label={ht('hr.hooks.description')}
          type="text"
          maxLength={200}
          value={form.description}
          error={error('description')}
          onInput={(input) => setForm('description', input.value)}
        />
        <EventPicker id="endpoint-events" selected={form.events} onChange={(events) => setForm('events', events)} error={error('events')} />
        <ProblemMessage problem={create.problem()?.code === 'BAD_INPUT' ? null : create.problem()} />
        <button type="submit" class="primary" disabled={create.pending()}>
          {create.pending() ? ht('hr.hooks.adding') : ht('hr.hooks.addButton')}
        </button>
      </form>
    </section>
  );
}
