import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { trpc } from '../../trpc';
import { toApiProblem } from '../../api-error';
import { createMutation } from '../../ui/create-mutation';
import { Loading } from '../../ui/loading';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';

/** /hr/privacy: how long candidates' personal data is kept, and what the next retention run would erase (docs/adr/0030). */
export default function PrivacyPage() {
  const [policy, { refetch: refetchPolicy }] = createResource(() => trpc.hr.privacy.retention.query());
  const [report, { refetch: refetchReport }] = createResource(() => trpc.hr.privacy.retentionReport.query());
  const [days, setDays] = createSignal('');
  const [saved, setSaved] = createSignal('');
  const save = createMutation((personalDataDays: number) => trpc.hr.privacy.setRetention.mutate({ personalDataDays }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const value = Number(days() || policy()?.personalDataDays);
    const result = await save.run(value);
    if (result === undefined) return;
    setSaved(`Kept ${result.personalDataDays} days from now on.`);
    void refetchPolicy();
    void refetchReport();
  }

  return (
    <>
      <h1>Candidate data</h1>
      <p class="hint">
        A candidate’s personal data is erased this many days after their last interview ended (with an outcome, or cancelled or expired).
        Statuses, outcomes and counts stay for reporting.
      </p>
      <Show when={policy()} fallback={<Loading text="Loading the retention policy…" />}>
        {(current) => (
          <form class="card" onSubmit={(event) => void submit(event)}>
            <label for="retention-days">Keep personal data for (days)</label>
            <input
              id="retention-days"
              type="number"
              min="1"
              max="3650"
              step="any"
              required
              value={days() || String(current().personalDataDays)}
              onInput={(event) => setDays(event.currentTarget.value)}
            />
            <button type="submit" class="primary" disabled={save.pending()}>
              Save
            </button>
            <ProblemMessage problem={save.problem()} />
            <LiveMessage tone="success" when={saved()}>
              {saved()}
            </LiveMessage>
          </form>
        )}
      </Show>
      <section class="card" aria-labelledby="report-title">
        <h2 id="report-title">What the next run would erase</h2>
        <Switch>
          <Match when={report.state === 'errored'}>
            <ProblemMessage problem={toApiProblem(report.error)} />
          </Match>
          <Match when={report.latest === undefined}>
            <Loading text="Loading the dry run…" />
          </Match>
          <Match when={report.latest}>
            {(current) => (
              <Show when={current().candidates.length > 0} fallback={<p class="empty">Nothing is due at the next run ({current().asOf}).</p>}>
                <table>
                  <caption>As of the next run, {current().asOf}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Candidate</th>
                      <th scope="col">Interviews</th>
                      <th scope="col">Last ended</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={current().candidates}>
                      {(candidate) => (
                        <tr>
                          <td>
                            {candidate.candidateName} ({candidate.candidateEmail})
                          </td>
                          <td>
                            <For each={candidate.interviewIds}>{(id) => <A href={`/hr/interviews/${encodeURIComponent(id)}`}>{id.slice(0, 8)} </A>}</For>
                          </td>
                          <td>{candidate.lastEndedAt}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            )}
          </Match>
        </Switch>
        <button type="button" onClick={() => void refetchReport()}>
          Check again
        </button>
      </section>
    </>
  );
}
