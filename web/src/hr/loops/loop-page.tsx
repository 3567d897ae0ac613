import { createResource, createSignal } from 'solid-js';
import { useParams } from '@solidjs/router';
import { trpc, type HrLoopDetail } from '../../trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createLiveSubscription } from '../../live/live-subscription';
import { Data } from '../../i18n/words';
import { formatWhen } from '../hr-time';
import { ht } from '../hr-language';
import { DetailFrame } from '../detail-frame';
import { OutcomeBadge } from '../status-badge';
import { LoopStatusBadge } from './loop-badge';
import { CancelLoop } from './cancel-loop';
import { Itinerary } from './loop-itinerary';

/** Changes this close together are read back with one request, as on the list. */
const GATHER_MS = 150;

/** /hr/loops/:loopId — one candidate's loop: every session in order with its time and panel, the loop's status and outcome. */
export default function LoopPage() {
  const params = useParams();
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
          <Itinerary loop={current()} onChanged={changed} />
          <CancelLoop loop={current()} onChanged={changed} />
        </>
      )}
    </DetailFrame>
  );
}

function LoopSummary(props: { loop: HrLoopDetail }) {
  const zone = detectTimeZone();
  const rules = () => props.loop.rules;
  return (
    <section class="card" aria-labelledby="loop-title">
      <p class="row-sub">{ht('hr.loop.title')}</p>
      <h1 id="loop-title">
        <Data>{props.loop.candidateName}</Data>
      </h1>
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
