import { For } from 'solid-js';
import { createStore } from 'solid-js/store';
import { INTERVIEW_STATUSES, OUTCOMES } from '@portal/shared/status';
import { OUTCOME_LABELS, STATUS_LABELS } from '../labels';
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
    props.onApply({ status: draft.status, outcome: draft.outcome, position: draft.position, from: draft.from, to: draft.to, q: draft.q });
  }

  return (
    <form class="filters" role="search" aria-label="Find interviews" onSubmit={submit}>
      <div class="field search">
        <label for="f-q">Search name or email</label>
        <input id="f-q" type="search" {...text('q')} />
      </div>
      <div class="field">
        <label for="f-status">Status</label>
        <select id="f-status" value={draft.status} onChange={(e) => setDraft('status', e.currentTarget.value)}>
          <option value="">Any status</option>
          <For each={INTERVIEW_STATUSES}>{(s) => <option value={s}>{STATUS_LABELS[s]}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="f-outcome">Outcome</label>
        <select id="f-outcome" value={draft.outcome} onChange={(e) => setDraft('outcome', e.currentTarget.value)}>
          <option value="">Any outcome</option>
          <For each={OUTCOMES}>{(o) => <option value={o}>{OUTCOME_LABELS[o]}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="f-position">Position</label>
        <input id="f-position" type="text" {...text('position')} />
      </div>
      <div class="field">
        <label for="f-from">Interview from</label>
        <input id="f-from" type="date" {...text('from')} />
      </div>
      <div class="field">
        <label for="f-to">Interview to</label>
        <input id="f-to" type="date" {...text('to')} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Apply
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({ status: '', outcome: '', position: '', from: '', to: '', q: '' });
            props.onClear();
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
