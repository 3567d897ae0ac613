import { Show, createSignal } from 'solid-js';
import { trpc, type InterviewDetail } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

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
        ? result.cancelledIds.length > 0
          ? ht('hr.candidateData.erasedCancelled', { count: result.interviewIds.length, cancelled: result.cancelledIds.length })
          : ht('hr.candidateData.erased', { count: result.interviewIds.length })
        : ht('hr.candidateData.nothingHeld'),
    );
  }

  return (
    <Show when={isAdmin()}>
      <section class="card" aria-labelledby="candidate-data-title">
        <h2 id="candidate-data-title">{ht('hr.candidateData.title')}</h2>
        <div class="actions">
          <button type="button" disabled={download.pending()} onClick={() => void save()}>
            {download.pending() ? ht('hr.candidateData.preparing') : ht('hr.candidateData.download')}
          </button>
          <button type="button" class="danger" disabled={erase.pending()} onClick={() => setConfirming(true)}>
            {ht('hr.candidateData.erase')}
          </button>
        </div>
        <ProblemMessage problem={download.problem()} />
        <Show when={confirming()}>
          <div class="notice" role="alertdialog" aria-labelledby="confirm-erase" aria-describedby="confirm-erase-detail">
            <p id="confirm-erase">
              <HrWords message="hr.candidateData.confirm" values={{ name: <Data>{props.detail.candidateName}</Data>, email: <Data>{email()}</Data> }} />
            </p>
            <p class="hint" id="confirm-erase-detail">
              {ht('hr.candidateData.confirmDetail')}
            </p>
            <label>
              <input type="checkbox" checked={doNotContact()} onChange={(event) => setDoNotContact(event.currentTarget.checked)} />{' '}
              {ht('hr.candidateData.doNotContact')}
            </label>
            <div class="actions">
              <button type="button" class="danger" disabled={erase.pending()} onClick={() => void confirmErase()}>
                {erase.pending() ? ht('hr.candidateData.erasing') : ht('hr.candidateData.eraseNow')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {ht('hr.candidateData.keep')}
              </button>
            </div>
          </div>
        </Show>
        <ProblemMessage problem={erase.problem()} />
      </section>
    </Show>
  );
}
