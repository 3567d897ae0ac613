import { For, Show, createSignal, type JSX } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { FinalOutcome } from '@portal/shared/status';
import { trpc, type InterviewDetail } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { outcomeLabel } from '../labels';
import { ht } from '../hr-language';
import { Data } from '../../i18n/words';
import { formatWhen } from '../hr-time';
import { detectTimeZone } from '../../time/time-zones';
import { HrWords } from '../hr-words';
import { ProblemMessage } from '../problem-message';

const FINAL_OUTCOMES: readonly FinalOutcome[] = ['PASSED', 'FAILED', 'ON_HOLD'];

/**
 * Why a retake is refused, in the console's words: the rules (packages/shared/src/rules.ts) say it
 * in English for the API; a reason they may add later is shown as the server wrote it.
 */
function retakeReasonText(reason: string | null): JSX.Element {
  if (reason === null) return ht('hr.decision.noRetake');
  if (reason.startsWith('A retake was already approved')) return ht('hr.retake.approved');
  if (reason.startsWith('Only a completed or missed interview')) return ht('hr.retake.notFinished');
  if (reason.startsWith('A retake needs the outcome')) return ht('hr.retake.outcome');
  const limit = /^The limit of (\d+) attempts/.exec(reason)?.[1];
  if (limit !== undefined) return ht('hr.retake.limit', { max: Number(limit) });
  const until = /^The cooldown runs until (\S+?)\.?$/.exec(reason)?.[1];
  if (until !== undefined && !Number.isNaN(Date.parse(until))) return ht('hr.retake.cooldown', { when: formatWhen(until, detectTimeZone()) });
  return <Data>{reason}</Data>;
}

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
    if (done !== undefined) props.onChanged(ht('hr.decision.set', { outcome: outcomeLabel(outcome, true) }));
  }

  async function allowRetake() {
    const result = await approve.run();
    if (result === undefined) return;
    props.onChanged(ht('hr.decision.approved'));
    navigate(`/hr/interviews/${encodeURIComponent(result.newInterviewId)}`);
  }

  return (
    <section class="card" aria-labelledby="decision-title">
      <h2 id="decision-title">{ht('hr.decision.title')}</h2>
      <Show
        when={decidable()}
        fallback={<p class="hint">{ht('hr.decision.notYet')}</p>}
      >
        <div class="actions" role="group" aria-label={ht('hr.decision.group')}>
          <For each={FINAL_OUTCOMES}>
            {(outcome) => (
              <button
                type="button"
                aria-pressed={props.detail.outcome === outcome}
                disabled={setOutcome.pending() || props.detail.outcome !== 'PENDING'}
                onClick={() => void choose(outcome)}
              >
                {outcomeLabel(outcome)}
              </button>
            )}
          </For>
        </div>
        <Show when={props.detail.outcome !== 'PENDING'}>
          <p class="hint">{ht('hr.decision.final', { outcome: outcomeLabel(props.detail.outcome, true) })}</p>
        </Show>
        <Show when={unconfirmed()}>
          {(outcome) => (
            <div class="notice" role="alertdialog" aria-labelledby="confirm-outcome">
              <p id="confirm-outcome">
                <HrWords
                  message="hr.decision.missing"
                  values={{ names: <Data>{props.detail.feedbackMissing.join(', ')}</Data>, outcome: outcomeLabel(outcome(), true) }}
                />
              </p>
              <div class="actions">
                <button type="button" class="primary" onClick={() => void choose(outcome(), true)}>
                  {ht('hr.decision.without')}
                </button>
                <button type="button" onClick={() => setUnconfirmed(null)}>
                  {ht('hr.decision.wait')}
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
          {approve.pending() ? ht('hr.decision.approving') : ht('hr.decision.allowRetake')}
        </button>
        <p class="hint" id="retake-reason">
          {props.detail.retake.allowed
            ? ht('hr.decision.retakeHint')
            : retakeReasonText(props.detail.retake.reason)}
        </p>
      </div>
      <ProblemMessage problem={approve.problem()} />
    </section>
  );
}
