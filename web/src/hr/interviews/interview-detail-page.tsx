import { Show, createResource, createSignal } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { trpc, type InterviewDetail } from '../../trpc';
import { formatRange } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { LiveMessage } from '../../ui/live-message';
import { formatWhen, zoneNote } from '../hr-time';
import { OutcomeBadge, StatusBadge } from '../status-badge';
import { Loaded } from '../loaded';
import { SlotWhen } from './slot-when';
import { OutcomeAndRetake } from './outcome-and-retake';
import { InterviewTimeline } from './interview-timeline';
import { EmailLog } from './email-log';
import { ActForCandidate } from './act-for-candidate';
import { Scorecards } from './scorecards';
import { LiveStatus, createLiveRefresh } from './live-refresh';

export default function InterviewDetailPage() {
  const params = useParams();
  const [detail, { refetch }] = createResource(
    () => params['interviewId'],
    (interviewId) => trpc.hr.interviews.get.query({ interviewId }),
  );
  const [notice, setNotice] = createSignal('');
  const live = createLiveRefresh({ interviewId: params['interviewId'] }, () => void refetch());

  return (
    <>
      <p>
        <A href="/hr">← All interviews</A>
      </p>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <LiveStatus state={live()} />
      <Loaded resource={detail} retry={() => void refetch()} what="the interview" title="Interview">
        {(current) => (
            <>
              <Summary detail={current()} />
              <Scorecards detail={current()} />
              <ActForCandidate
                detail={current()}
                onChanged={(message) => {
                  setNotice(message);
                  void refetch();
                }}
              />
              <OutcomeAndRetake
                detail={current()}
                onChanged={(message) => {
                  setNotice(message);
                  void refetch();
                }}
              />
              <InterviewTimeline events={current().events} />
              <EmailLog emails={current().emails} />
            </>
        )}
      </Loaded>
    </>
  );
}

function Summary(props: { detail: InterviewDetail }) {
  const zone = detectTimeZone();
  const link = (id: string) => `/hr/interviews/${encodeURIComponent(id)}`;
  return (
    <section class="card" aria-labelledby="detail-title">
      <h1 id="detail-title">{props.detail.candidateName}</h1>
      <p class="zone-note">{zoneNote(zone)}</p>
      <dl class="facts">
        <dt>Email</dt>
        <dd>
          {props.detail.candidateEmail}
          <Show when={props.detail.undeliverable}>
            {' '}
            <span class="badge warn">Bounced — emails are not reaching this address</span>
          </Show>
        </dd>
        <dt>Position</dt>
        <dd>
          {props.detail.position} · {props.detail.kindLabel}
        </dd>
        <dt>Status</dt>
        <dd class="badges">
          <StatusBadge status={props.detail.status} />
          <Show when={props.detail.outcome !== 'PENDING' || props.detail.status === 'COMPLETED' || props.detail.status === 'NO_SHOW'}>
            <OutcomeBadge outcome={props.detail.outcome} />
          </Show>
        </dd>
        <dt>Attempt</dt>
        <dd>{props.detail.attempt}</dd>
        <dt>Booking rules</dt>
        <dd>
          at least {props.detail.notice.minNoticeMinutes} min ahead, up to {props.detail.notice.horizonDays} days; the candidate changes it until{' '}
          {props.detail.notice.changeCutoffMinutes} min before
        </dd>
        <dt>Interviewer pool</dt>
        <dd>
          {props.detail.interviewerNames.join(', ') || '—'}
          <Show when={props.detail.panelSize > 1}> · {props.detail.panelSize} at once</Show>
        </dd>
        <dt>When</dt>
        <dd class="when-booked">
          <SlotWhen status={props.detail.status} when={props.detail.slot && formatRange(props.detail.slot.start, props.detail.slot.end, zone)} />
          <Show when={props.detail.slot}>{(slot) => ` with ${slot().panelNames.join(' and ')}`}</Show>
        </dd>
        <dt>Invited</dt>
        <dd>{formatWhen(props.detail.createdAt, zone)}</dd>
      </dl>
      <p class="links">
        <a href={props.detail.temporalUrl} target="_blank" rel="noopener noreferrer">
          Open in Temporal UI
        </a>
        <Show when={props.detail.previousInterviewId}>
          {(id) => <A href={link(id())}>Previous attempt</A>}
        </Show>
        <Show when={props.detail.nextInterviewId}>
          {(id) => <A href={link(id())}>Retake interview</A>}
        </Show>
      </p>
    </section>
  );
}
