import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { kindCreateInput, kindUpdateInput, KIND_DEFAULTS, type KindCreateInput, type KindUpdateInput } from '@portal/shared/schemas';
import { trpc, type KindRead } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { InputField } from '../../ui/input-field';
import { LiveMessage } from '../../ui/live-message';
import { NumberField } from '../../ui/number-field';
import { ProblemMessage } from '../problem-message';
import { hrFieldWords, ht } from '../hr-language';
import { AVAILABILITY_ACTIONS, DEFAULT_AVAILABILITY_ACTION, type AvailabilityAction } from '@portal/shared/availability';
import { KitEditor, TextByLanguage, kitDraft, kitOf, textDraft, textOf, type KitDraft, type TextDraft } from './kit-editor';

/** A kind as HR's console reads it (hr.kinds.all). */
export type KindDefinition = Pick<KindRead, 'id' | 'titles' | RuleField | BufferField | 'availabilityAction' | 'holdMinutes' | 'kit' | 'archived'>;

type RuleField = 'durationMinutes' | 'panelSize' | 'rescheduleLimit' | 'interviewerReminderMinutes' | 'decisionWorkingDays';
const RULES: { key: RuleField; label: 'hr.kinds.rule.duration' | 'hr.kinds.rule.panel' | 'hr.kinds.rule.reschedules' | 'hr.kinds.rule.panelReminder' | 'hr.kinds.rule.decision'; min: number }[] = [
  { key: 'durationMinutes', label: 'hr.kinds.rule.duration', min: 5 },
  { key: 'panelSize', label: 'hr.kinds.rule.panel', min: 1 },
  { key: 'rescheduleLimit', label: 'hr.kinds.rule.reschedules', min: 0 },
  { key: 'interviewerReminderMinutes', label: 'hr.kinds.rule.panelReminder', min: 0 },
  { key: 'decisionWorkingDays', label: 'hr.kinds.rule.decision', min: 1 },
];

/** Buffers a kind asks for beyond its interviewers' own (docs/adr/0066): empty is none. */
type BufferField = 'bufferBeforeMinutes' | 'bufferAfterMinutes';
const BUFFERS: { key: BufferField; label: 'hr.interviewer.bufferBefore' | 'hr.interviewer.bufferAfter' }[] = [
  { key: 'bufferBeforeMinutes', label: 'hr.interviewer.bufferBefore' },
  { key: 'bufferAfterMinutes', label: 'hr.interviewer.bufferAfter' },
];

interface Draft extends Record<RuleField, number>, Record<BufferField, number | null> {
  id: string;
  availabilityAction: AvailabilityAction;
  holdMinutes: number | null;
  titles: TextDraft;
  kit: KitDraft;
}

const draftOf = (kind: KindDefinition | undefined): Draft => ({
  id: kind?.id ?? '',
  titles: textDraft(kind?.titles),
  durationMinutes: kind?.durationMinutes ?? KIND_DEFAULTS.durationMinutes,
  panelSize: kind?.panelSize ?? KIND_DEFAULTS.panelSize,
  rescheduleLimit: kind?.rescheduleLimit ?? KIND_DEFAULTS.rescheduleLimit,
  interviewerReminderMinutes: kind?.interviewerReminderMinutes ?? KIND_DEFAULTS.interviewerReminderMinutes,
  decisionWorkingDays: kind?.decisionWorkingDays ?? KIND_DEFAULTS.decisionWorkingDays,
  bufferBeforeMinutes: kind?.bufferBeforeMinutes ?? null,
  bufferAfterMinutes: kind?.bufferAfterMinutes ?? null,
  availabilityAction: kind?.availabilityAction ?? DEFAULT_AVAILABILITY_ACTION,
  holdMinutes: kind?.holdMinutes ?? null,
  kit: kitDraft(kind?.kit),
});

/**
 * A kind's titles, rules and scorecard kit: a new kind (no `kind`) or an existing one. Saved for
 * invitations from now on; an interview keeps what its invitation fixed (docs/adr/0065).
 */
export function KindDefinitionForm(props: { kind?: KindDefinition; editable: boolean; onSaved: (id: string) => void }) {
  const creating = props.kind === undefined;
  const prefix = `kind-def-${props.kind?.id ?? 'new'}`;
  const [draft, setDraft] = createStore<Draft>(draftOf(props.kind));
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [saved, setSaved] = createSignal('');
  const save = createMutation((input: KindCreateInput | KindUpdateInput) =>
    creating ? trpc.hr.kinds.create.mutate(input as KindCreateInput) : trpc.hr.kinds.edit.mutate(input as KindUpdateInput),
  );
  const error = (path: string) => messagesAt({ ...save.problem()?.fieldErrors, ...checkErrors() }, path);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const { titles, kit, ...rest } = draft;
    const input = { ...rest, id: creating ? rest.id.trim() : (props.kind?.id ?? ''), titles: textOf(titles), kit: kitOf(kit) };
    const checked = (creating ? kindCreateInput : kindUpdateInput).safeParse(input);
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) {
      document.querySelector<HTMLElement>(`#${prefix} [aria-invalid="true"]`)?.focus();
      return;
    }
    if ((await save.run(checked.data)) === undefined) return;
    setSaved(ht(creating ? 'hr.kinds.created' : 'hr.kinds.definitionSaved'));
    if (creating) setDraft(draftOf(undefined));
    props.onSaved(input.id);
  }

  return (
    <form id={prefix} class="kind-definition" onSubmit={submit} novalidate>
      <Show when={creating}>
        <InputField
          id={`${prefix}-id`}
          label={ht('hr.kinds.id')}
          type="text"
          maxLength={40}
          value={draft.id}
          hint={ht('hr.kinds.idHint')}
          error={error('id')}
          onInput={(input) => setDraft('id', input.value)}
        />
      </Show>
      <TextByLanguage
        idPrefix={`${prefix}-title`}
        label={ht('hr.kinds.kindTitle')}
        value={draft.titles}
        maxLength={80}
        disabled={!props.editable}
        error={(locale) => error(`titles.${locale}`) ?? (locale === 'en' ? error('titles') : undefined)}
        onChange={(locale, text) => setDraft('titles', locale, text)}
      />
      {RULES.map((rule) => (
        <NumberField
          id={`${prefix}-${rule.key}`}
          label={ht(rule.label)}
          min={rule.min}
          value={draft[rule.key]}
          disabled={!props.editable}
          error={error(rule.key)}
          onInput={(input) => setDraft(rule.key, input.valueAsNumber)}
        />
      ))}
      {BUFFERS.map((buffer) => (
        <NumberField
          id={`${prefix}-${buffer.key}`}
          label={ht(buffer.label)}
          value={draft[buffer.key] ?? ''}
          hint={ht('hr.kinds.bufferHint')}
          disabled={!props.editable}
          error={error(buffer.key)}
          onInput={(input) => setDraft(buffer.key, input.value === '' ? null : input.valueAsNumber)}
        />
      ))}
      <div class="field">
        <label for={`${prefix}-availabilityAction`}>{ht('hr.kinds.availabilityAction')}</label>
        <select
          id={`${prefix}-availabilityAction`}
          value={draft.availabilityAction}
          disabled={!props.editable}
          aria-describedby={`${prefix}-availabilityAction-hint`}
          onChange={(e) => setDraft('availabilityAction', e.currentTarget.value as AvailabilityAction)}
        >
          {AVAILABILITY_ACTIONS.map((action) => (
            <option value={action}>{ht(`hr.kinds.availabilityAction.${action}`)}</option>
          ))}
        </select>
        <p class="hint" id={`${prefix}-availabilityAction-hint`}>
          {ht('hr.kinds.availabilityActionHint')}
        </p>
      </div>
      <NumberField
        id={`${prefix}-holdMinutes`}
        label={ht('hr.kinds.holdMinutes')}
        min={1}
        value={draft.holdMinutes ?? ''}
        hint={ht('hr.kinds.holdMinutesHint')}
        disabled={!props.editable}
        error={error('holdMinutes')}
        onInput={(input) => setDraft('holdMinutes', input.value === '' ? null : input.valueAsNumber)}
      />
      <KitEditor idPrefix={`${prefix}-kit`} kit={draft.kit} disabled={!props.editable} onChange={(kit) => setDraft('kit', kit)} error={(path) => error(`kit.${path}`)} />
      {/* A refusal that names a field (an id in use, a bad kit) is said there; any other here. */}
      <ProblemMessage problem={Object.keys(save.problem()?.fieldErrors ?? {}).length > 0 ? null : save.problem()} />
      <LiveMessage tone="success" when={saved()}>
        {saved()}
      </LiveMessage>
      <Show when={props.editable}>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? ht('hr.kinds.saving') : ht(creating ? 'hr.kinds.create' : 'hr.kinds.saveDefinition')}
        </button>
      </Show>
    </form>
  );
}

/** Archives a kind (no new invitations; its interviews run on) or takes it back. */
export function ArchiveKindButton(props: { kind: KindDefinition; onChanged: () => void }) {
  const change = createMutation((archived: boolean) => trpc.hr.kinds.edit.mutate({ id: props.kind.id, archived }));
  return (
    <div class="actions">
      <button
        type="button"
        disabled={change.pending()}
        onClick={async () => {
          if ((await change.run(!props.kind.archived)) !== undefined) props.onChanged();
        }}
      >
        {ht(props.kind.archived ? 'hr.kinds.restore' : 'hr.kinds.archive')}
      </button>
      <ProblemMessage problem={change.problem()} />
    </div>
  );
}
