import { For, Show, createSignal } from 'solid-js';
import { LOOP_POOL_MAX } from '@portal/shared/loop-inputs';
import type { Interviewer } from '../../api/trpc';
import { FieldError } from '../../ui/field-error';
import { Data } from '../../i18n/words';
import { ht } from '../hr-language';

/** Whether an interviewer is one the search asks for: every word of it in their name or email, in any case and accent. */
export function matchesSearch(interviewer: Pick<Interviewer, 'name' | 'email'>, query: string): boolean {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{Mn}/gu, '').toLocaleLowerCase();
  const haystack = fold(`${interviewer.name} ${interviewer.email}`);
  return fold(query).split(/\s+/).every((word) => haystack.includes(word));
}

/**
 * A session's pool, usable with hundreds of interviewers: a search by name or email narrows the
 * list, one button picks (or clears) every interviewer the search shows, and a count says how many
 * are picked of how many there are, whatever the search hides, and how many a pool may hold.
 */
export function PoolPicker(props: {
  id: string;
  interviewers: Interviewer[];
  picked: string[];
  error: string | undefined;
  onChange: (interviewerIds: string[]) => void;
}) {
  const [query, setQuery] = createSignal('');
  const shown = () => props.interviewers.filter((i) => matchesSearch(i, query().trim()));
  const isPicked = (id: string) => props.picked.includes(id);
  const allShownPicked = () => shown().length > 0 && shown().every((i) => isPicked(i.id));
  const toggle = (interviewerId: string, on: boolean) => {
    const rest = props.picked.filter((x) => x !== interviewerId);
    props.onChange(on ? [...rest, interviewerId] : rest);
  };
  const pickShown = (on: boolean) => {
    const ids = new Set(shown().map((i) => i.id));
    const rest = props.picked.filter((x) => !ids.has(x));
    props.onChange(on ? [...rest, ...ids] : rest);
  };
  return (
    <fieldset class="field pool" aria-describedby={props.interviewers.length > 0 ? `${props.id}-count ${props.id}-error` : `${props.id}-error`}>
      <legend>{ht('hr.templates.pool')}</legend>
      <Show when={props.interviewers.length > 0} fallback={<p class="empty">{ht('hr.templates.noInterviewers')}</p>}>
        <div class="field">
          <label for={`${props.id}-search`}>{ht('hr.templates.poolSearch')}</label>
          <input id={`${props.id}-search`} type="search" autocomplete="off" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <div class="pool-tools">
          <p class="hint" id={`${props.id}-count`} role="status">
            {ht('hr.templates.poolPicked', { picked: props.picked.length, total: props.interviewers.length, max: LOOP_POOL_MAX })}
          </p>
          <Show when={shown().length > 0}>
            <button type="button" onClick={() => pickShown(!allShownPicked())}>
              {allShownPicked()
                ? ht('hr.templates.poolClearMatching', { count: shown().length })
                : ht('hr.templates.poolSelectMatching', { count: shown().length })}
            </button>
          </Show>
        </div>
        <div class="pool-choices">
          <For each={shown()} fallback={<p class="empty">{ht('hr.templates.poolNoMatch')}</p>}>
            {(interviewer) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={isPicked(interviewer.id)}
                  aria-invalid={props.error !== undefined}
                  onChange={(e) => toggle(interviewer.id, e.currentTarget.checked)}
                />{' '}
                <Data>{interviewer.name}</Data>
              </label>
            )}
          </For>
        </div>
      </Show>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </fieldset>
  );
}
