import { Index, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { HrLoopDetail } from '../../api/trpc';
import { formatRange } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { Data } from '../../i18n/words';
import { intlLocale, kindTitle } from '../../i18n/page-language';
import { ht } from '../hr-language';
import { ZoneNote } from '../hr-words';
import { OutcomeBadge, StatusBadge } from '../status-badge';
import { MoveSession } from './move-session';

/**
 * A loop's sessions in its order: each one's time in the viewer's zone, its panel once booked, its
 * status and outcome, linking to its page; a booked session can be moved within the loop's rules
 * when `movable` (whoever runs interviews; a hiring manager reads the loop only).
 */
export function Itinerary(props: { loop: HrLoopDetail; movable: boolean; onChanged: (message: string) => void }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="itinerary-title">
      <h2 id="itinerary-title">{ht('hr.loop.itinerary')}</h2>
      <p class="zone-note">
        <ZoneNote zone={zone} />
      </p>
      <ol class="itinerary">
        {/* By position, not by object: a refresh (after any change of the loop) keeps a session's open move form. */}
        <Index each={props.loop.itinerary}>
          {(session) => (
            <li>
              <h3>
                <A href={`/hr/interviews/${encodeURIComponent(session().interviewId)}`}>
                  <Data>{session().title}</Data>
                </A>
              </h3>
              <p>
                {kindTitle(session().kind, session().kindLabel, session().kindTitles)} · {ht('hr.loop.duration', { minutes: Math.round(session().durationMinutes) })}
                {session().attempt > 1 ? ` · ${ht('hr.list.attempt', { attempt: session().attempt })}` : ''}
              </p>
              <p class="when-booked">
                <Show when={session().slot} fallback={ht('hr.loop.notBooked')}>
                  {(slot) => <time datetime={slot().start}>{formatRange(slot().start, slot().end, zone, intlLocale())}</time>}
                </Show>
              </p>
              <p>
                <Show when={session().panel.length > 0} fallback={ht('hr.loop.panelSize', { size: session().panelSize })}>
                  {ht('hr.detail.panel')}: <Data>{session().panel.join(', ')}</Data>
                </Show>
              </p>
              <p class="badges">
                <StatusBadge status={session().status} />
                <Show when={session().outcome !== 'PENDING' || session().status === 'COMPLETED' || session().status === 'NO_SHOW'}>
                  <OutcomeBadge outcome={session().outcome} />
                </Show>
              </p>
              <Show when={session().status === 'SCHEDULED' && Date.parse(session().slot?.start ?? '') > Date.now() && props.movable}>
                <MoveSession loopId={props.loop.loopId} sessionId={session().interviewId} title={session().title} onChanged={props.onChanged} />
              </Show>
            </li>
          )}
        </Index>
      </ol>
    </section>
  );
}
