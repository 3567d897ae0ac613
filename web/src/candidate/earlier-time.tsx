import { Match, Switch, createUniqueId } from 'solid-js';
import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { t } from '../i18n/page-language';
import { problemText } from '../api/problem-text';
import { HoldAnswer } from './hold-answer';

interface EarlierTimeProps {
  token: string;
  view: CandidateView;
  /** The page's own words for a time (its clock, given so this chunk shares none of its code). */
  when: (iso: string) => string;
  onChange: (view: CandidateView, message: string) => void;
}

/**
 * The waitlist for an earlier time (docs/adr/0072): join it, leave it, and answer the earlier time
 * held for the candidate alone until it expires: take it (the booking moves there) or keep theirs.
 */
export function EarlierTime(props: EarlierTimeProps) {
  const id = createUniqueId();
  const change = createMutation((call: () => Promise<CandidateView>) => call());
  const token = () => ({ token: props.token });
  const run = async (call: () => Promise<CandidateView>, message: string) => {
    const next = await change.run(call);
    if (next !== undefined) props.onChange(next, message);
  };

  return (
    <section class="card earlier-time" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('page.earlier.heading')}</h2>
      <Switch>
        <Match when={props.view.hold}>
          {(hold) => (
            <>
              <p>{t('page.earlier.held', { when: props.when(hold().start), until: props.when(hold().expiresAt) })}</p>
              <HoldAnswer
                token={props.token}
                holdId={hold().id}
                words={{ take: t('page.earlier.take'), pass: t('page.earlier.pass'), taken: t('page.done.moved'), passed: t('page.earlier.passed') }}
                onDone={props.onChange}
              />
            </>
          )}
        </Match>
        <Match when={props.view.waitlist}>
          <p>{t('page.earlier.waiting')}</p>
          <button type="button" disabled={change.pending()} onClick={() => void run(() => trpc.candidate.leaveWaitlist.mutate(token()), t('page.earlier.left'))}>
            {t('page.earlier.leave')}
          </button>
        </Match>
        <Match when={props.view.canChange}>
          <p>{t('page.earlier.ask')}</p>
          <button type="button" disabled={change.pending()} onClick={() => void run(() => trpc.candidate.joinWaitlist.mutate(token()), t('page.earlier.waiting'))}>
            {t('page.earlier.join')}
          </button>
        </Match>
      </Switch>
      <LiveMessage tone="error" when={change.problem()}>
        {problemText(change.problem())}
      </LiveMessage>
    </section>
  );
}
