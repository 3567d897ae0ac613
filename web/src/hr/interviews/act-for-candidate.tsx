import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc, type InterviewDetail } from '../../api/trpc';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';
import { useAccess } from '../session';
import { intlLocale } from '../../i18n/page-language';

interface ActProps {
  detail: InterviewDetail;
  onChanged: (message: string) => void;
}

/**
 * What HR does for a candidate who asks by phone or email: through the same lifecycle updates as
 * the candidate's own page, recorded on the timeline under the HR user with the reason given.
 * A recruiter's or an admin's: a hiring manager reads and decides, and runs none of it.
 */
export function ActForCandidate(props: ActProps) {
  const access = useAccess();
  const id = () => props.detail.interviewId;
  const status = () => props.detail.status;
  const open = () => status() === 'INVITED' || status() === 'SCHEDULED';
  const started = () =>
    status() === 'IN_PROGRESS' || (status() === 'SCHEDULED' && props.detail.slot !== null && Date.parse(props.detail.slot.start) <= Date.now());
  return (
    <Show when={access().runsInterviews && (open() || started())}>
      <section class="card" aria-labelledby="act-title">
        <h2 id="act-title">{ht('hr.act.title')}</h2>
        <Show when={open()}>
          <CandidateLink interviewId={id()} canResend={status() === 'INVITED'} onChanged={props.onChanged} />
        </Show>
        <Show when={status() === 'SCHEDULED' && !started()}>
          <Reschedule interviewId={id()} onChanged={props.onChanged} />
        </Show>
        <Show when={open()}>
          <CancelForCandidate interviewId={id()} onChanged={props.onChanged} />
        </Show>
        <Show when={started()}>
          <Attendance interviewId={id()} onChanged={props.onChanged} />
        </Show>
      </section>
    </Show>
  );
}

function CandidateLink(props: { interviewId: string; canResend: boolean; onChanged: (message: string) => void }) {
  const [link, setLink] = createSignal('');
  const copy = createMutation(() => trpc.hr.interviews.candidateLink.query({ interviewId: props.interviewId }));
  const resend = createMutation(() => trpc.hr.interviews.resendInvitation.mutate({ interviewId: props.interviewId }));
  async function copyLink() {
    const result = await copy.run();
    if (result === undefined) return;
    setLink(result.link);
    // The clipboard needs a secure context; the field below lets HR copy by hand when it is refused.
    await navigator.clipboard?.writeText(result.link).then(
      () => props.onChanged(ht('hr.act.copied')),
      () => undefined,
    );
  }
  return (
    <div class="field">
      <div class="actions">
        <button type="button" disabled={copy.pending()} onClick={() => void copyLink()}>
          {ht('hr.act.copy')}
        </button>
        <Show when={props.canResend}>
          <button
            type="button"
            disabled={resend.pending()}
            onClick={() => void resend.run().then((done) => done && props.onChanged(ht('hr.act.resent')))}
          >
            {resend.pending() ? ht('hr.act.sending') : ht('hr.act.resend')}
          </button>
        </Show>
      </div>
      <Show when={link()}>
        <label for="candidate-link">{ht('hr.act.link')}</label>
        <input id="candidate-link" type="text" readonly value={link()} onFocus={(e) => e.currentTarget.select()} />
      </Show>
      <ProblemMessage problem={copy.problem() ?? resend.problem()} />
    </div>
  );
}

function Reschedule(props: { interviewId: string; onChanged: (message: string) => void }) {
  const zone = detectTimeZone();
  const [wanted, setWanted] = createSignal(false);
  const [slots] = createResource(wanted, () => trpc.hr.interviews.slots.query({ interviewId: props.interviewId }));
  const [start, setStart] = createSignal('');
  const [reason, setReason] = createSignal('');
  const move = createMutation(() =>
    trpc.hr.interviews.reschedule.mutate({ interviewId: props.interviewId, start: start(), reason: reason() }),
  );
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await move.run()) !== undefined) props.onChanged(ht('hr.act.moved', { when: formatDateTime(start(), zone, intlLocale()) }));
  }
  return (
    <Show
      when={wanted()}
      fallback={
        <button type="button" onClick={() => setWanted(true)}>
          {ht('hr.act.reschedule')}
        </button>
      }
    >
      <form class="field" onSubmit={submit} aria-label={ht('hr.act.reschedule')}>
        <label for="hr-new-time">{ht('hr.act.newTime', { zone: zone.replaceAll('_', ' ') })}</label>
        <select id="hr-new-time" required value={start()} onChange={(e) => setStart(e.currentTarget.value)}>
          <option value="">{slots.loading ? ht('hr.act.loadingTimes') : ht('hr.act.pickTime')}</option>
          <For each={slots.latest?.slots ?? []}>{(slot) => <option value={slot.start}>{formatDateTime(slot.start, zone, intlLocale())}</option>}</For>
        </select>
        <label for="hr-reschedule-reason">{ht('hr.act.reason')}</label>
        <input id="hr-reschedule-reason" type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={move.pending() || start() === ''}>
          {move.pending() ? ht('hr.act.moving') : ht('hr.act.move')}
        </button>
        <ProblemMessage problem={move.problem()} />
      </form>
    </Show>
  );
}

function CancelForCandidate(props: { interviewId: string; onChanged: (message: string) => void }) {
  const [reason, setReason] = createSignal('');
  const cancel = createMutation(() => trpc.hr.interviews.cancel.mutate({ interviewId: props.interviewId, reason: reason() }));
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await cancel.run()) !== undefined) props.onChanged(ht('hr.act.cancelled'));
  }
  return (
    <form class="field" onSubmit={submit} aria-label={ht('hr.act.cancelLabel')}>
      <label for="hr-cancel-reason">{ht('hr.act.cancelReason')}</label>
      <input id="hr-cancel-reason" type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit" class="danger" disabled={cancel.pending() || reason().trim() === ''}>
        {cancel.pending() ? ht('hr.act.cancelling') : ht('hr.act.cancel')}
      </button>
      <ProblemMessage problem={cancel.problem()} />
    </form>
  );
}

function Attendance(props: { interviewId: string; onChanged: (message: string) => void }) {
  const mark = createMutation((attended: boolean) => trpc.hr.interviews.markAttendance.mutate({ interviewId: props.interviewId, attended }));
  const run = async (attended: boolean) => {
    if ((await mark.run(attended)) !== undefined) props.onChanged(attended ? ht('hr.act.markedCompleted') : ht('hr.act.markedNoShow'));
  };
  return (
    <div class="actions" role="group" aria-label={ht('hr.act.attendance')}>
      <button type="button" disabled={mark.pending()} onClick={() => void run(true)}>
        {ht('hr.act.markCompleted')}
      </button>
      <button type="button" disabled={mark.pending()} onClick={() => void run(false)}>
        {ht('hr.act.markNoShow')}
      </button>
      <ProblemMessage problem={mark.problem()} />
    </div>
  );
}
