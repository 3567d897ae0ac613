import { Show, createResource, createSignal } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc, type HrLoopDetail } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createLiveSubscription } from '../../live/live-subscription';
import { Data } from '../../i18n/words';
import { formatWhen } from '../hr-time';
import { formatRange } from '../../time/format';
import { intlLocale } from '../../i18n/page-language';
import { capitalized } from '@portal/shared/i18n/capitalized';
import { hrLocaleChoice, ht } from '../hr-language';
import { DetailFrame } from '../detail-frame';
import { OutcomeBadge } from '../status-badge';
import { LoopStatusBadge } from './loop-badge';
import { CancelLoop } from './cancel-loop';
import { Itinerary } from './loop-itinerary';
import { useAccess } from '../session';

/** Changes this close together are read back with one request, as on the list. */
const GATHER_MS = 150;

/** /hr/loops/:loopId — one candidate's loop: every session in order with its time and panel, the loop's status and outcome. */
export default function LoopPage() {
  const params = useParams();
  const access = useAccess();
  const [detail, { refetch }] = createResource(
    () => params['loopId'],
    (loopId) => trpc.hr.loops.get.query({ loopId }),
  );
  const [notice, setNotice] = createSignal('');
  let pending: ReturnType<typeof setTimeout> | undefined;
  // A change of any of the loop's sessions (or a stream that cannot say what it missed) reads the loop again.
  const live = createLiveSubscription<{ data: { interviewId: string | null; resync: boolean } }>(
    (handlers) => trpc.hr.interviews.live.subscribe({}, handlers),
    ({ data }) => {
      const ours = data.interviewId !== null && (detail.latest?.sessions.some((s) => s.interviewId === data.interviewId) ?? false);
      if (!ours && !data.resync) return;
      clearTimeout(pending);
      pending = setTimeout(() => void refetch(), GATHER_MS);
    },
  );
  const changed = (message: string) => {
    setNotice(message);
    void refetch();
  };
  return (
    <DetailFrame resource={detail} retry={() => void refetch()} notice={notice()} live={live()} loading={ht('hr.loop.loading')} title={ht('hr.loop.title')}>
      {(current) => (
        <>
          <LoopSummary loop={current()} />
          <Itinerary loop={current()} movable={access().runsInterviews} onChanged={changed} />
          <Show when={access().runsInterviews}>
            <CancelLoop loop={current()} onChanged={changed} />
          </Show>
        </>
      )}
    </DetailFrame>
  );
}

function LoopSummary(props: { loop: HrLoopDetail }) {
  const zone = detectTimeZone();
  const rules = () => props.loop.rules;
  // The whole loop at a glance: how many sessions and, once booked, from its first start to its last end.
  const span = () => {
    const booked = props.loop.itinerary.flatMap((s) => (s.slot ? [s.slot] : []));
    if (booked.length === 0) return null;
    const start = booked.map((s) => s.start).reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
    const end = booked.map((s) => s.end).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    return { start, end };
  };
  return (
    <section class="card" aria-labelledby="loop-title">
      <p class="row-sub">{ht('hr.loop.title')}</p>
      <h1 id="loop-title">
        <Data>{props.loop.candidateName}</Data>
      </h1>
      <p class="loop-span">
        {capitalized(ht('hr.loop.sessions', { count: props.loop.itinerary.length }), hrLocaleChoice())}
        {' · '}
        <Show when={span()} fallback={ht('hr.loop.notBooked')}>
          {(whole) => <time datetime={whole().start}>{formatRange(whole().start, whole().end, zone, intlLocale())}</time>}
        </Show>
      </p>
      <dl class="facts">
        <dt>{ht('hr.detail.email')}</dt>
        <dd>
          <Data>{props.loop.candidateEmail}</Data>
        </dd>
        <dt>{ht('hr.detail.position')}</dt>
        <dd>
          <Data>{props.loop.position}</Data>
        </dd>
        <dt>{ht('hr.loop.statusLabel')}</dt>
        <dd class="badges">
          <LoopStatusBadge status={props.loop.status} />
        </dd>
        <dt>{ht('hr.loop.outcomeLabel')}</dt>
        <dd>
          <span class="badges">
            <OutcomeBadge outcome={props.loop.outcome} />
          </span>{' '}
          <span class="hint">{ht('hr.loop.outcomeHint')}</span>
        </dd>
        <dt>{ht('hr.loop.rules')}</dt>
        <dd>
          {ht('hr.loop.rulesText', {
            order: rules().order,
            min: rules().minBreakMinutes,
            max: rules().maxBreakMinutes,
            days: rules().days,
            perDay: rules().maxSessionsPerDay,
          })}
        </dd>
        <dt>{ht('hr.detail.invited')}</dt>
        <dd>
          <time datetime={props.loop.createdAt}>{formatWhen(props.loop.createdAt, zone)}</time>
        </dd>
      </dl>
      <p class="links">
        <a href={props.loop.temporalUrl} target="_blank" rel="noopener noreferrer">
          {ht('hr.loop.temporal')}
        </a>
      </p>
    </section>
  );
}
