import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { createMutation } from '../../ui/create-mutation';
import { Loading } from '../../ui/loading';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { useAccess } from '../session';

/**
 * /hr/privacy: how long candidates' personal data is kept, and what the next retention run would
 * erase (docs/adr/0030). The period is the deployment's, set by its owner (docs/adr/0076); a
 * team's other admins read it.
 */
export default function PrivacyPage() {
  const access = useAccess();
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
    setSaved(ht('hr.privacy.saved', { days: result.personalDataDays }));
    void refetchPolicy();
    void refetchReport();
  }

  return (
    <>
      <h1>{ht('hr.privacy.title')}</h1>
      <p class="hint">{ht('hr.privacy.intro')}</p>
      <Show when={policy()} fallback={<Loading text={ht('hr.privacy.loadingPolicy')} />}>
        {(current) => (
          <Show when={access().setsRetention} fallback={<p class="card">{ht('hr.privacy.ownerSets', { days: current().personalDataDays })}</p>}>
            <form class="card" onSubmit={(event) => void submit(event)}>
              <label for="retention-days">{ht('hr.privacy.days')}</label>
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
                {ht('hr.privacy.save')}
              </button>
              <ProblemMessage problem={save.problem()} />
              <LiveMessage tone="success" when={saved()}>
                {saved()}
              </LiveMessage>
            </form>
          </Show>
        )}
      </Show>
      <section class="card" aria-labelledby="report-title">
        <h2 id="report-title">{ht('hr.privacy.reportTitle')}</h2>
        <Switch>
          <Match when={report.state === 'errored'}>
            <ProblemMessage problem={toApiProblem(report.error)} />
          </Match>
          <Match when={report.latest === undefined}>
            <Loading text={ht('hr.privacy.loadingReport')} />
          </Match>
          <Match when={report.latest}>
            {(current) => (
              <Show
                when={current().candidates.length > 0}
                fallback={
                  <p class="empty">
                    <HrWords message="hr.privacy.nothingDue" values={{ asOf: <Data>{current().asOf}</Data> }} />
                  </p>
                }
              >
                <table>
                  <caption>
                    <HrWords message="hr.privacy.asOf" values={{ asOf: <Data>{current().asOf}</Data> }} />
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{ht('hr.privacy.candidate')}</th>
                      <th scope="col">{ht('hr.privacy.interviews')}</th>
                      <th scope="col">{ht('hr.privacy.lastEnded')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={current().candidates}>
                      {(candidate) => (
                        <tr>
                          <td>
                            <HrWords
                              message="hr.privacy.nameAndEmail"
                              values={{ name: <Data>{candidate.candidateName}</Data>, email: <Data>{candidate.candidateEmail}</Data> }}
                            />
                          </td>
                          <td>
                            <For each={candidate.interviewIds}>{(id) => <A href={`/hr/interviews/${encodeURIComponent(id)}`} translate="no">{id.slice(0, 8)} </A>}</For>
                          </td>
                          <td translate="no">{candidate.lastEndedAt}</td>
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
          {ht('hr.privacy.checkAgain')}
        </button>
      </section>
    </>
  );
}
