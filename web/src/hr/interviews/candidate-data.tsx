import { Show, createSignal } from 'solid-js';
import { trpc, type InterviewDetail } from '../../trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';

/**
 * The candidate's data (docs/adr/0030): everything held as one JSON file (a subject access
 * request), and erasure, asked twice. Admins only, as the procedures are.
 */
export function CandidateData(props: { detail: InterviewDetail; onChanged: (message: string) => void }) {
  const isAdmin = useIsAdmin();
  const email = () => props.detail.candidateEmail;
  const download = createMutation(() => trpc.hr.privacy.export.query({ email: email() }));
  const erase = createMutation((notify: boolean) => trpc.hr.privacy.erase.mutate({ email: email(), notify }));
  const [confirming, setConfirming] = createSignal(false);
  const [doNotContact, setDoNotContact] = createSignal(false);

  async function save() {
    const document = await download.run();
    if (document === undefined) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
    const link = Object.assign(window.document.createElement('a'), { href: url, download: `candidate-data-${props.detail.interviewId}.json` });
    link.click();
    URL.revokeObjectURL(url);
  }

  async function confirmErase() {
    const result = await erase.run(!doNotContact());
    if (result === undefined) return;
    setConfirming(false);
    props.onChanged(
      result.status === 'ERASED'
        ? `Erased: ${result.interviewIds.length} interview(s)${result.cancelledIds.length > 0 ? `, ${result.cancelledIds.length} cancelled first` : ''}.`
        : 'Nothing was held about this candidate any more.',
    );
  }

  return (
    <Show when={isAdmin()}>
      <section class="card" aria-labelledby="candidate-data-title">
        <h2 id="candidate-data-title">Candidate data</h2>
        <div class="actions">
          <button type="button" disabled={download.pending()} onClick={() => void save()}>
            {download.pending() ? 'Preparing…' : 'Download everything held (JSON)'}
          </button>
          <button type="button" class="danger" disabled={erase.pending()} onClick={() => setConfirming(true)}>
            Erase candidate…
          </button>
        </div>
        <ProblemMessage problem={download.problem()} />
        <Show when={confirming()}>
          <div class="notice" role="alertdialog" aria-labelledby="confirm-erase" aria-describedby="confirm-erase-detail">
            <p id="confirm-erase">Erase everything held about {props.detail.candidateName} ({email()})?</p>
            <p class="hint" id="confirm-erase-detail">
              Every interview of this candidate: open ones are cancelled, then their name, email, messages, reasons and scorecard notes are
              erased everywhere, and their encrypted workflow data can no longer be read. Statuses, outcomes and counts stay. This cannot be
              undone.
            </p>
            <label>
              <input type="checkbox" checked={doNotContact()} onChange={(event) => setDoNotContact(event.currentTarget.checked)} /> Do not
              contact the candidate (no cancellation email)
            </label>
            <div class="actions">
              <button type="button" class="danger" disabled={erase.pending()} onClick={() => void confirmErase()}>
                {erase.pending() ? 'Erasing…' : 'Erase'}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </div>
          </div>
        </Show>
        <ProblemMessage problem={erase.problem()} />
      </section>
    </Show>
  );
}
