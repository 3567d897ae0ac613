import { For } from 'solid-js';
import { A } from '@solidjs/router';
import type { InterviewRow } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { Data } from '../../i18n/words';
import { formatWhen } from '../hr-time';
import { ht } from '../hr-language';
import { OutcomeBadge, StatusBadge } from '../status-badge';
import { LoopStatusBadge } from './loop-badge';

type LoopRow = InterviewRow & { loop: NonNullable<InterviewRow['loop']> };

/** A loop in the HR list: one row for the candidate, the loop's status and outcome, then each session in brief. */
export function LoopListItem(props: { row: LoopRow }) {
  const zone = detectTimeZone();
  const loop = () => props.row.loop;
  return (
    <li class="row loop-row">
      <A href={`/hr/loops/${encodeURIComponent(loop().loopId)}`} class="row-title">
        <Data>{props.row.candidateName}</Data>
      </A>
      <span class="row-sub">
        <Data>{props.row.candidateEmail}</Data>
      </span>
      <span>
        <Data>{props.row.position}</Data> · {ht('hr.loop.sessions', { count: loop().sessions.length })}
      </span>
      <span class="badges">
        <LoopStatusBadge status={loop().status} />
        {loop().outcome !== 'PENDING' ? <OutcomeBadge outcome={loop().outcome} /> : null}
        {props.row.undeliverable ? <span class="badge warn">{ht('hr.list.bounced')}</span> : null}
      </span>
      <ol class="loop-sessions" aria-label={ht('hr.loop.itinerary')}>
        <For each={loop().sessions}>
          {(session) => (
            <li>
              <A href={`/hr/interviews/${encodeURIComponent(session.interviewId)}`}>
                <Data>{session.title}</Data>
              </A>{' '}
              <span class="row-sub">
                {session.slotStart === null ? ht('hr.loop.notBooked') : <time datetime={session.slotStart}>{formatWhen(session.slotStart, zone)}</time>}
              </span>{' '}
              <StatusBadge status={session.status} />
            </li>
          )}
        </For>
      </ol>
    </li>
  );
}
