import { For, Show, createResource, createSignal } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { trpc, type InterviewDetail } from '../../api/trpc';
import { formatRange } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen } from '../hr-time';
import { OutcomeBadge, StatusBadge } from '../status-badge';
import { DetailFrame } from '../detail-frame';
import { SlotWhen } from './slot-when';
import { OutcomeAndRetake } from './outcome-and-retake';
import { InterviewTimeline } from './interview-timeline';
import { EmailLog } from './email-log';
import { ActForCandidate } from './act-for-candidate';
import { Scorecards } from './scorecards';
import { ht } from '../hr-language';
import { HrWords, ZoneNote } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale, kindTitle } from '../../i18n/page-language';
import { CandidateData } from './candidate-data';
import { createLiveRefresh } from './live-refresh';

export default function InterviewDetailPage() {
  const params = useParams();
  const [detail, { refetch }] = createResource(
    () => params['interviewId'],
    (interviewId) => trpc.hr.interviews.get.query({ interviewId }),
  );
  const [notice, setNotice] = createSignal('');
  const live = createLiveRefresh({ interviewId: params['interviewId'] }, () => void refetch());

  return (
    <DetailFrame
      resource={detail}
      retry={() => void refetch()}
      notice={notice()}
      live={live()}
      loading={ht('hr.detail.loading')}
      title={ht('hr.detail.title')}
    >
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
          <CandidateData
            detail={current()}
            onChanged={(message) => {
              setNotice(message);
              void refetch();
            }}
          />
        </>
      )}
    </DetailFrame>
  );
}

function Summary(props: { detail: InterviewDetail }) {
  const zone = detectTimeZone();
  const link = (id: string) => `/hr/interviews/${encodeURIComponent(id)}`;
  return (
    <section class="card" aria-labelledby="detail-title">
      <h1 id="detail-title">
        <Data>{props.detail.candidateName}</Data>
      </h1>
      <p class="zone-note"><ZoneNote zone={zone} /></p>
      <dl class="facts">
        <dt>{ht('hr.detail.email')}</dt>
        <dd>
          <Data>{props.detail.candidateEmail}</Data>
          <Show when={props.detail.undeliverable}>
            {' '}
            <span class="badge warn">{ht('hr.detail.bounced')}</span>
          </Show>
        </dd>
        <dt>{ht('hr.detail.position')}</dt>
        <dd>
          <Data>{props.detail.position}</Data> · {kindTitle(props.detail.kind, props.detail.kindLabel, props.detail.kindTitles)}
        </dd>
        <dt>{ht('hr.detail.status')}</dt>
        <dd class="badges">
          <StatusBadge status={props.detail.status} />
          <Show when={props.detail.outcome !== 'PENDING' || props.detail.status === 'COMPLETED' || props.detail.status === 'NO_SHOW'}>
            <OutcomeBadge outcome={props.detail.outcome} />
          </Show>
        </dd>
        <dt>{ht('hr.detail.attempt')}</dt>
        <dd>{props.detail.attempt}</dd>
        <dt>{ht('hr.detail.rules')}</dt>
        <dd>
          {ht('hr.detail.rulesText', {
            notice: props.detail.notice.minNoticeMinutes,
            horizon: props.detail.notice.horizonDays,
            cutoff: props.detail.notice.changeCutoffMinutes,
          })}
        </dd>
        <dt>{ht('hr.detail.pool')}</dt>
        <dd>
          <Data>{props.detail.interviewerNames.join(', ') || '—'}</Data>
          <Show when={props.detail.panelSize > 1}>{ht('hr.detail.atOnce', { size: props.detail.panelSize })}</Show>
        </dd>
        <dt>{ht('hr.detail.when')}</dt>
        <dd class="when-booked">
          <SlotWhen
            status={props.detail.status}
            when={props.detail.slot && formatRange(props.detail.slot.start, props.detail.slot.end, zone, intlLocale())}
            at={props.detail.slot?.start}
          />
          <Show when={props.detail.slot}>
            {(slot) => <HrWords message="hr.detail.with" values={{ names: <Data>{slot().panelNames.join(', ')}</Data> }} />}
          </Show>
        </dd>
        <Show when={props.detail.slot?.panel.length}>
          <dt>{ht('hr.detail.panel')}</dt>
          <dd>
            <ul class="panel-answers">
              <For each={props.detail.slot?.panel ?? []}>
                {(member) => (
                  <li>
                    <Data>{member.name}</Data>:{' '}
                    <Show when={member.answer} fallback={ht('hr.detail.noAnswer')}>
                      {(answer) => (
                        <>
                          {ht(`hr.detail.answer.${answer().answer}`)}
                          {answer().via === 'calendar' ? ht('hr.detail.inCalendar') : ''}
                          <Show when={answer().reason}>{(reason) => <HrWords message="hr.detail.answerReason" values={{ reason: <Data>{reason()}</Data> }} />}</Show>
                        </>
                      )}
                    </Show>
                    <Show when={member.pickedBecause}>
                      {(why) => (
                        <span class="hint">
                          <HrWords message="hr.detail.picked" values={{ why: <Data>{why()}</Data> }} />
                        </span>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </dd>
        </Show>
        <Show when={props.detail.availability}>
          {(availability) => (
            <>
              <dt>{ht('hr.detail.availability')}</dt>
              <dd class="availability">
                <ul>
                  <For each={availability().windows}>{(w) => <li>{formatRange(w.start, w.end, zone, intlLocale())}</li>}</For>
                </ul>
                <span class="hint">
                  {ht('hr.detail.availabilitySent', { when: formatWhen(availability().submittedAt, zone), zone: availability().timezone })}
                </span>
                <Show when={availability().note}>
                  {(note) => <HrWords message="hr.detail.availabilityNote" values={{ note: <Data>{note()}</Data> }} />}
                </Show>
              </dd>
            </>
          )}
        </Show>
        <Show when={props.detail.waitlist}>
          {(waitlist) => (
            <>
              <dt>{ht('hr.detail.waitlist')}</dt>
              <dd>{ht('hr.detail.waitlistSince', { when: formatWhen(waitlist().joinedAt, zone) })}</dd>
            </>
          )}
        </Show>
        <Show when={props.detail.hold}>
          {(hold) => (
            <>
              <dt>{ht(hold().purpose === 'window' ? 'hr.detail.holdWindow' : 'hr.detail.hold')}</dt>
              <dd>{ht('hr.detail.holdUntil', { when: formatRange(hold().start, hold().end, zone, intlLocale()), until: formatWhen(hold().expiresAt, zone) })}</dd>
            </>
          )}
        </Show>
        <dt>{ht('hr.detail.invited')}</dt>
        <dd>{formatWhen(props.detail.createdAt, zone)}</dd>
      </dl>
      <p class="links">
        <a href={props.detail.temporalUrl} target="_blank" rel="noopener noreferrer">
          {ht('hr.detail.temporal')}
        </a>
        <Show when={props.detail.loopId}>
          {(loopId) => <A href={`/hr/loops/${encodeURIComponent(loopId())}`}>{ht('hr.detail.loop')}</A>}
        </Show>
        <Show when={props.detail.previousInterviewId}>
          {(id) => <A href={link(id())}>{ht('hr.detail.previous')}</A>}
        </Show>
        <Show when={props.detail.nextInterviewId}>
          {(id) => <A href={link(id())}>{ht('hr.detail.retake')}</A>}
        </Show>
      </p>
    </section>
  );
}
