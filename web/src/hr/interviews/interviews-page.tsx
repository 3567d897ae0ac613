import { For, Show, createMemo, createResource } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { trpc, type InterviewPage, type InterviewRow } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen } from '../hr-time';
import { OutcomeBadge, StatusBadge } from '../status-badge';
import { Loaded } from '../loaded';
import { SlotWhen } from './slot-when';
import { FilterForm } from './filter-form';
import { pageCount, toListQuery, type FilterParams } from './list-filters';
import { ht } from '../hr-language';
import { ZoneNote } from '../hr-words';
import { Data } from '../../i18n/words';
import { kindTitle } from '../../i18n/page-language';
import { createLiveRefresh } from './live-refresh';
import { LiveStatus } from '../live-status';
import { LoopListItem } from '../loops/loop-list-item';
import { useAccess } from '../session';

export default function InterviewsPage() {
  const access = useAccess();
  const [search, setSearch] = useSearchParams();
  const read = (key: keyof FilterParams): string => {
    const value = search[key];
    return typeof value === 'string' ? value : '';
  };
  const params = createMemo<FilterParams>(() => ({
    status: read('status'),
    outcome: read('outcome'),
    waiting: read('waiting'),
    position: read('position'),
    from: read('from'),
    to: read('to'),
    q: read('q'),
    page: read('page'),
  }));
  const [list, { refetch }] = createResource(
    () => toListQuery(params()),
    (query) => trpc.hr.interviews.list.query(query),
  );
  const live = createLiveRefresh({}, () => void refetch());
  const pages = () => {
    const data = list.latest;
    return data === undefined ? 1 : pageCount(data.total, data.pageSize);
  };
  /**
   * The list pages through interviews, and a loop's sessions share one row: where this page folds
   * any, the heading says how many rows they make, exactly when there is one page (docs/adr/0041).
   */
  const countText = (data: InterviewPage) => {
    const rows = data.items.length;
    if (rows === data.interviewsOnPage) return ht('hr.list.count', { count: data.total });
    return ht(pages() === 1 ? 'hr.list.countRows' : 'hr.list.countPageRows', { count: data.total, rows });
  };
  const pageHref = (page: number) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(params())) if (value !== '' && key !== 'page') next.set(key, value);
    next.set('page', String(page));
    return `/hr?${next.toString()}`;
  };

  return (
    <>
      <div class="page-title">
        <h1>{ht('hr.list.title')}</h1>
        <Show when={access().runsInterviews}>
          <A href="/hr/invite" class="button primary">
            {ht('hr.list.invite')}
          </A>
        </Show>
      </div>
      <LiveStatus state={live()} />
      <FilterForm
        initial={params()}
        onApply={(filters) => setSearch({ ...filters, page: undefined })}
        onClear={() => setSearch({ status: '', outcome: '', waiting: '', position: '', from: '', to: '', q: '', page: '' })}
      />
      <Loaded resource={list} retry={() => void refetch()} what={ht('hr.list.loading')}>
        {(data) => (
            <section aria-labelledby="results-title" aria-busy={list.loading}>
              <h2 id="results-title" class="results-count" aria-live="polite">
                {countText(data())}
                {list.loading ? ht('hr.list.updating') : ''}
              </h2>
              <p class="zone-note"><ZoneNote zone={detectTimeZone()} /></p>
              <Show when={data().items.length > 0} fallback={<p class="empty">{ht('hr.list.none')}</p>}>
                <ul class="rows">
                  <For each={data().items}>
                    {(row) => {
                      const loop = row.loop;
                      return loop === null ? <InterviewListItem row={row} /> : <LoopListItem row={{ ...row, loop }} />;
                    }}
                  </For>
                </ul>
              </Show>
              <nav class="pager" aria-label={ht('hr.list.pages')}>
                <Show when={data().page > 1}>
                  <A href={pageHref(data().page - 1)}>{ht('hr.list.previous')}</A>
                </Show>
                <span>{ht('hr.list.pageOf', { page: data().page, pages: pages() })}</span>
                <Show when={data().page < pages()}>
                  <A href={pageHref(data().page + 1)}>{ht('hr.list.next')}</A>
                </Show>
              </nav>
            </section>
        )}
      </Loaded>
    </>
  );
}

function InterviewListItem(props: { row: InterviewRow }) {
  const zone = detectTimeZone();
  return (
    <li class="row">
      <A href={`/hr/interviews/${encodeURIComponent(props.row.interviewId)}`} class="row-title">
        <Data>{props.row.candidateName}</Data>
      </A>
      <span class="row-sub">
        <Data>{props.row.candidateEmail}</Data>
      </span>
      <span>
        <Data>{props.row.position}</Data> · {kindTitle(props.row.kind, props.row.kindLabel, props.row.kindTitles)}
        {props.row.attempt > 1 ? ` · ${ht('hr.list.attempt', { attempt: props.row.attempt })}` : ''}
      </span>
      <span class="badges">
        <StatusBadge status={props.row.status} />
        <Show when={props.row.outcome !== 'PENDING'}>
          <OutcomeBadge outcome={props.row.outcome} />
        </Show>
        <Show when={props.row.undeliverable}>
          <span class="badge warn">{ht('hr.list.bounced')}</span>
        </Show>
      </span>
      <span class="row-sub">
        <SlotWhen status={props.row.status} when={props.row.slotStart === null ? null : formatWhen(props.row.slotStart, zone)} at={props.row.slotStart} />
      </span>
    </li>
  );
}
