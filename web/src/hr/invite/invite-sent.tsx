import { Show, createResource } from 'solid-js';
import { A } from '@solidjs/router';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { Data } from '../../i18n/words';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';

export type SentInvitation = { name: string; interviewId: string } & ({ loopId: null } | { loopId: string });

/** The loop's first session issues its link a moment after the invitation answers; NOT_FOUND until then. */
async function loopLink(interviewId: string): Promise<string> {
  for (let wait = 100; ; wait *= 2) {
    try {
      return (await trpc.hr.interviews.candidateLink.query({ interviewId })).link;
    } catch (error) {
      if (toApiProblem(error).code !== 'NOT_FOUND' || wait > 3_200) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** "Invitation sent", linking to what was made: the interview's page, or the loop's page with the candidate's one link. */
export function InviteSent(props: { sent: SentInvitation | null }) {
  const loopId = () => props.sent?.loopId ?? null;
  // Read by state, not through the resource: its first read would suspend the page while the link is fetched.
  const [link] = createResource(
    () => (loopId() === null ? undefined : props.sent?.interviewId),
    (interviewId) => loopLink(interviewId),
  );
  return (
    <>
      <LiveMessage tone="success" when={props.sent}>
        <HrWords message="hr.invite.sent" values={{ name: <Data>{props.sent?.name}</Data> }} />{' '}
        <Show when={loopId()} fallback={<A href={`/hr/interviews/${encodeURIComponent(props.sent?.interviewId ?? '')}`}>{ht('hr.invite.open')}</A>}>
          {(id) => <A href={`/hr/loops/${encodeURIComponent(id())}`}>{ht('hr.invite.openLoop')}</A>}
        </Show>
      </LiveMessage>
      <Show when={loopId()}>
        <div class="field card">
          <label for="invite-loop-link">{ht('hr.invite.loopLink')}</label>
          <input
            id="invite-loop-link"
            type="text"
            readonly
            value={link.state === 'ready' ? link.latest : ''}
            aria-describedby="invite-loop-link-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p class="hint" id="invite-loop-link-hint">
            {link.state === 'pending' ? ht('hr.invite.loopLinkWaiting') : ht('hr.invite.loopLinkHint')}
          </p>
          <Show when={link.state === 'errored'}>
            <ProblemMessage problem={toApiProblem(link.error)} />
          </Show>
        </div>
      </Show>
    </>
  );
}
