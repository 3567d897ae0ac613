import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js';
import { clockTime, cityOf, utcOffset } from '../time/clock';
import { matchZones, zoneOptions } from '../time/zone-options';
import { hourCycle, setHourCycle } from '../time/zone-preference';
import { intlLocale, t } from '../i18n/page-language';
import { Words } from '../i18n/words';

interface ZonePickerProps {
  zone: string;
  onChange: (zone: string) => void;
  /** A refusal about the zone (the server's field error), shown and announced under the picker. */
  error?: string | undefined;
}

const SHOWN = 40;

/**
 * The candidate's zone as one line (city, offset, time there now) with a search to change it and
 * the 12/24-hour choice. The search lists buttons, so a pick is one tap and a screen reader reads
 * each zone whole.
 */
export function ZonePicker(props: ZonePickerProps) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  let toggle: HTMLButtonElement | undefined;
  let search: HTMLInputElement | undefined;

  const options = createMemo(() => (open() ? zoneOptions(new Date(), hourCycle(), props.zone) : []));
  const matches = createMemo(() => matchZones(options(), query(), SHOWN));

  function show() {
    setQuery('');
    setOpen(true);
    queueMicrotask(() => search?.focus());
  }

  function close() {
    setOpen(false);
    toggle?.focus();
  }

  function choose(zone: string) {
    props.onChange(zone);
    close();
  }

  return (
    <div class="zone-picker">
      <p class="zone-now" id={`${id}-now`}>
        <span class="zone-label">{t('page.zone.yours')}</span>{' '}
        <bdi translate="no">
          <strong>{cityOf(props.zone)}</strong> ({props.zone.replaceAll('_', ' ')}, {utcOffset(props.zone)})
        </bdi>{' '}
        ·{' '}
        <Words
          message="page.zone.now"
          values={{ time: <time>{clockTime(new Date(), props.zone, hourCycle(), intlLocale())}</time> }}
        />
      </p>
      <div class="zone-actions">
        <button
          type="button"
          class="quiet"
          ref={toggle}
          aria-expanded={open()}
          aria-controls={`${id}-panel`}
          aria-describedby={`${id}-now`}
          onClick={() => (open() ? close() : show())}
        >
          {open() ? t('page.zone.close') : t('page.zone.change')}
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={hourCycle() === 'h23'}
            onChange={(e) => setHourCycle(e.currentTarget.checked ? 'h23' : 'h12')}
          />
          {t('page.zone.clock24')}
        </label>
      </div>
      <div role="alert">
        <Show when={props.error}>
          <p class="field-error">{props.error}</p>
        </Show>
      </div>
      <div id={`${id}-panel`} class="zone-panel" hidden={!open()}>
        <div class="field">
          <label for={`${id}-search`}>{t('page.zone.find')}</label>
          <input
            id={`${id}-search`}
            ref={search}
            type="search"
            autocomplete="off"
            placeholder={t('page.zone.example')}
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') close();
              const first = matches()[0];
              if (e.key === 'Enter' && first) {
                e.preventDefault();
                choose(first.zone);
              }
            }}
          />
        </div>
        <p class="hint" role="status">
          {matches().length === 0
            ? t('page.zone.noMatch', { query: query() })
            : query() === ''
              ? t('page.zone.type')
              : matches().length === SHOWN
                ? t('page.zone.first', { count: SHOWN })
                : t('page.zone.matches', { count: matches().length })}
        </p>
        <ul class="zone-list">
          <For each={matches()}>
            {(option) => (
              <li>
                <button type="button" translate="no" class="zone-option" aria-current={option.zone === props.zone ? 'true' : undefined} onClick={() => choose(option.zone)}>
                  <span class="zone-city">{option.city}</span>
                  <span class="zone-meta">
                    {option.zone.replaceAll('_', ' ')} · {option.offset} · {option.now}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
    </div>
  );
}
