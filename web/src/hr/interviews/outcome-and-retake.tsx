import { For, Show, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { FinalOutcome } from '@portal/shared/status';
import { trpc, type InterviewDetail } from '../../trpc';
import { createMutation } from '../../ui/create-mutation';
import { OUTCOME_LABELS } from '../labels';
import { ProblemMessage } from '../problem-message';

const FINAL_OUTCOMES: readonly FinalOutcome[] = ['PASSED', 'FAILED', 'ON_HOLD'];

interface OutcomeAndRetakeProps {
  detail: InterviewDetail;
  onChanged: (message: string) => void;
}

export function OutcomeAndRetake(props: OutcomeAndRetakeProps) {
  const navigate = useNavigate();
  const interviewId = () => props.detail.interviewId;
  const setOutcome = createMutation((outcome: FinalOutcome, confirmMissingFeedback: boolean) =>
    trpc.hr.interviews.setOutcome.mutate({ interviewId: interviewId(), outcome, confirmMissingFeedback }),
  );
  // Deciding before every scorecard is in asks first.
  const [unconfirmed, setUnconfirmed] = createSignal<FinalOutcome | null>(null);
  const approve = createMutation(() => trpc.hr.interviews.approveRetake.mutate({ interviewId: interviewId() }));
  const decidable = () => props.detail.status === 'COMPLETED' || props.detail.status === 'NO_SHOW';

  async function choose(outcome: FinalOutcome, confirmed = false) {
    if (!confirmed && outcome !== 'ON_HOLD' && props.detail.feedbackMissing.length > 0) {
      setUnconfirmed(outcome);
      return;
    }
    setUnconfirmed(null);
    const done = await setOutcome.run(outcome, confirmed);
    if (done !== undefined) props.onChanged(`Outcome set to ${OUTCOME_LABELS[outcome].toLowerCase()}.`);
  }

  async function allowRetake() {
    const result = await approve.run();
    if (result === undefined) return;
    props.onChanged('Retake approved; the candidate has been sent a new invitation.');
    navigate(`/hr/interviews/${encodeURIComponent(result.newInterviewId)}`);
  }

  return (
    <section class="card" aria-labelledby="decision-title">
      <h2 id="decision-title">Outcome and retake</h2>
      <Show
        when={decidable()}
        fallback={<p class="hint">An outcome can be set once the interview is completed or marked as a no-show.</p>}
      >
        <div class="actions" role="group" aria-label="Set outcome">
          <For each={FINAL_OUTCOMES}>
            {(outcome) => (
              <button
                type="button"
                aria-pressed={props.detail.outcome === outcome}
                disabled={setOutcome.pending() || props.detail.outcome !== 'PENDING'}
                onClick={() => void choose(outcome)}
              >
                {OUTCOME_LABELS[outcome]}
              </button>
            )}
          </For>
        </div>
        <Show when={props.detail.outcome !== 'PENDING'}>
          <p class="hint">The outcome is final: {OUTCOME_LABELS[props.detail.outcome].toLowerCase()}.</p>
        </Show>
        <Show when={unconfirmed()}>
          {(outcome) => (
            <div class="notice" role="alertdialog" aria-labelledby="confirm-outcome">
              <p id="confirm-outcome">
                Scorecards are still missing from {props.detail.feedbackMissing.join(', ')}. Set the outcome to{' '}
                {OUTCOME_LABELS[outcome()].toLowerCase()} without them?
              </p>
              <div class="actions">
                <button type="button" class="primary" onClick={() => void choose(outcome(), true)}>
                  Decide without them
                </button>
                <button type="button" onClick={() => setUnconfirmed(null)}>
                  Wait for feedback
                </button>
              </div>
            </div>
          )}
        </Show>
      </Show>
      <ProblemMessage problem={setOutcome.problem()} />
      <div class="retake">
        <button
          type="button"
          class="primary"
          disabled={!props.detail.retake.allowed || approve.pending()}
          aria-describedby="retake-reason"
          onClick={() => void allowRetake()}
        >
          {approve.pending() ? 'Approving…' : 'Allow retake'}
        </button>
        <p class="hint" id="retake-reason">
          {props.detail.retake.allowed
            ? 'Archives this interview and sends the candidate a new link.'
            : (props.detail.retake.reason ?? 'A retake is not possible for this interview.')}
        </p>
      </div>
      <ProblemMessage problem={approve.problem()} />
    </section>
  );
}
