import { For } from 'solid-js';
import type { InterviewKind } from '@portal/shared/kind-titles';
import type { Interviewer, KindChoice } from '../../api/trpc';
import { FieldError } from '../../ui/field-error';
import { kindTitle } from '../../i18n/page-language';
import { ht } from '../hr-language';
import { NumberField } from '../../ui/number-field';
import type { SessionDraft } from './template-draft';
import { PoolPicker } from './pool-picker';

interface SessionFieldsProps {
  index: number;
  session: SessionDraft;
  interviewers: Interviewer[];
  /** The kinds that take invitations. */
  kinds: KindChoice[];
  canRemove: boolean;
  error: (field: string) => string | undefined;
  onChange: (change: Partial<SessionDraft>) => void;
  onRemove: () => void;
}

/** One session of a template: its title, kind, length, panel size and the pool its panel is picked from. */
export function TemplateSessionFields(props: SessionFieldsProps) {
  const id = (field: string) => `tpl-s${props.index}-${field}`;
  const number = () => props.index + 1;
  const kindRules = () => props.kinds.find((k) => k.kind === props.session.kind) ?? { durationMinutes: 60, panelSize: 1 };
  // Inactive interviewers stay listed while a template still names them, so HR can see and untick them.
  const choices = () => props.interviewers.filter((i) => i.active || props.session.interviewerIds.includes(i.id));
  return (
    <fieldset class="card template-session">
      <legend>{ht('hr.templates.session', { number: number() })}</legend>
      <div class="field">
        <label for={id('title')}>{ht('hr.templates.sessionTitle')}</label>
        <input
          id={id('title')}
          type="text"
          maxLength={80}
          value={props.session.title}
          aria-invalid={props.error('title') !== undefined}
          aria-describedby={`${id('title')}-error`}
          onInput={(e) => props.onChange({ title: e.currentTarget.value })}
        />
        <FieldError id={`${id('title')}-error`} message={props.error('title')} />
      </div>
      <div class="field">
        <label for={id('kind')}>{ht('hr.templates.kind')}</label>
        <select id={id('kind')} value={props.session.kind} onChange={(e) => props.onChange({ kind: e.currentTarget.value as InterviewKind })}>
          <For each={props.kinds}>{(kind) => <option value={kind.kind}>{kindTitle(kind.kind, kind.label, kind.titles)}</option>}</For>
        </select>
      </div>
      <NumberField
        id={id('durationMinutes')}
        label={ht('hr.templates.duration')}
        value={props.session.duration}
        min={1}
        step="any"
        hint={ht('hr.templates.durationHint', { minutes: kindRules().durationMinutes })}
        error={props.error('durationMinutes')}
        onInput={(input) => props.onChange({ duration: input.value })}
      />
      <NumberField
        id={id('panelSize')}
        label={ht('hr.templates.panelSize')}
        value={props.session.panelSize}
        min={1}
        hint={ht('hr.templates.panelHint', { size: kindRules().panelSize })}
        error={props.error('panelSize')}
        onInput={(input) => props.onChange({ panelSize: input.value })}
      />
      <PoolPicker
        id={id('pool')}
        interviewers={choices()}
        picked={props.session.interviewerIds}
        error={props.error('interviewerIds')}
        onChange={(interviewerIds) => props.onChange({ interviewerIds })}
      />
      <button type="button" class="danger-quiet" disabled={!props.canRemove} onClick={() => props.onRemove()}>
        {ht('hr.templates.removeSession', { number: number() })}
      </button>
    </fieldset>
  );
}
