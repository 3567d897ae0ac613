import { For } from 'solid-js';
import { createStore } from 'solid-js/store';
import { INTERVIEW_STATUSES, OUTCOMES } from '@portal/shared/status';
import { WAITING_FILTERS } from '@portal/shared/schemas';
import { outcomeLabel, statusLabel } from '../labels';
import { ht } from '../hr-language';
import type { FilterParams } from './list-filters';

interface FilterFormProps {
  initial: FilterParams;
  onApply: (filters: Omit<FilterParams, 'page'>) => void;
  onClear: () => void;
}

export function FilterForm(props: FilterFormProps) {
  const [draft, setDraft] = createStore({ ...props.initial });
  const text = (key: 'position' | 'from' | 'to' | 'q') => ({
    value: draft[key],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => setDraft(key, e.currentTarget.value),
  });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    props.onApply({ status: draft.status, outcome: draft.outcome, waiting: draft.waiting, position: draft.position, from: draft.from, to: draft.to, q: draft.q });
  }

  return (
    <form class="filters" role="search" aria-label={ht('hr.filter.label')} onSubmit={submit}>
      <div class="field search">
        <label for="f-q">{ht('hr.filter.search')}</label>
        <input id="f-q" type="search" {...text('q')} />
      </div>
      <div class="field">
        <label for="f-status">{ht('hr.filter.status')}</label>
        <select id="f-status" value={draft.status} onChange={(e) => setDraft('status', e.currentTarget.value)}>
          <option value="">{ht('hr.filter.anyStatus')}</option>
          <For each={INTERVIEW_STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="f-outcome">{ht('hr.filter.outcome')}</label>
        <select id="f-outcome" value={draft.outcome} onChange={(e) => setDraft('outcome', e.currentTarget.value)}>
          <option value="">{ht('hr.filter.anyOutcome')}</option>
          <For each={OUTCOMES}>{(o) => <option value={o}>{outcomeLabel(o)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="f-waiting">{ht('hr.filter.waiting')}</label>
        <select id="f-waiting" value={draft.waiting} onChange={(e) => setDraft('waiting', e.currentTarget.value)}>
          <option value="">{ht('hr.filter.anyWaiting')}</option>
          <For each={WAITING_FILTERS}>{(w) => <option value={w}>{ht(`hr.filter.waiting.${w}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="f-position">{ht('hr.filter.position')}</label>
        <input id="f-position" type="text" {...text('position')} />
      </div>
      <div class="field">
        <label for="f-from">{ht('hr.filter.from')}</label>
        <input id="f-from" type="date" {...text('from')} />
      </div>
      <div class="field">
        <label for="f-to">{ht('hr.filter.to')}</label>
        <input id="f-to" type="date" {...text('to')} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          {ht('hr.filter.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({ status: '', outcome: '', waiting: '', position: '', from: '', to: '', q: '' });
            props.onClear();
          }}
        >
          {ht('hr.filter.clear')}
        </button>
      </div>
    </form>
  );
}
