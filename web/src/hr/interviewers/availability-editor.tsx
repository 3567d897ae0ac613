import { createSignal } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { useLocation, useNavigate } from '@solidjs/router';
import { interviewerInput } from '@portal/shared/schemas';
import { trpc, type InterviewerDraft } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { fieldErrorsFromIssues, type FieldErrors } from '../../ui/field-errors';
import { LiveMessage } from '../../ui/live-message';
import { ProblemMessage } from '../problem-message';
import { InterviewerBasics } from './interviewer-basics';
import { WeeklyHours, fullWeek } from './weekly-hours';
import { DateOverrides } from './date-overrides';
import { TimeOff } from './time-off';
import { hrFieldWords, ht } from '../hr-language';
import { Data } from '../../i18n/words';

/** One interviewer's profile and availability, saved as a whole (the API's upsert is whole-record). */
export function AvailabilityEditor(props: { initial: InterviewerDraft }) {
  const navigate = useNavigate();
  // A new interviewer's first save moves to its own URL; the notice travels along in history state.
  const location = useLocation<{ saved?: string }>();
  const [draft, setDraft] = createStore<InterviewerDraft>({
    ...structuredClone(props.initial),
    weekly: fullWeek(props.initial.weekly),
  });
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [saved, setSaved] = createSignal(location.state?.saved ?? '');
  const save = createMutation((input: InterviewerDraft) => trpc.hr.interviewers.upsert.mutate(input));
  const errors = (): FieldErrors => ({ ...save.problem()?.fieldErrors, ...checkErrors() });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const input = structuredClone(unwrap(draft));
    const checked = interviewerInput.safeParse(input);
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return;
    const result = await save.run(checked.data);
    if (result === undefined) return;
    const notice = ht('hr.interviewer.saved', { name: result.name });
    setSaved(notice);
    if (draft.id === undefined) {
      navigate(`/hr/interviewers/${encodeURIComponent(result.id)}`, { replace: true, state: { saved: notice } });
    }
  }

  const invalidCount = () => Object.keys(checkErrors()).length;

  return (
    <form onSubmit={submit} novalidate aria-labelledby="interviewer-title">
      <h1 id="interviewer-title">{draft.id === undefined ? ht('hr.interviewer.addTitle') : draft.name ? <Data>{draft.name}</Data> : ht('hr.interviewer.title')}</h1>
      <InterviewerBasics draft={draft} setDraft={setDraft} errors={errors()} />
      <WeeklyHours
        weekly={draft.weekly}
        timezone={draft.timezone}
        errors={errors()}
        onChange={(weekday, ranges) => setDraft('weekly', (day) => day.weekday === weekday, 'ranges', ranges)}
      />
      <DateOverrides overrides={draft.overrides} errors={errors()} onChange={(overrides) => setDraft('overrides', overrides)} />
      <TimeOff
        periods={draft.timeOff}
        timezone={draft.timezone}
        errors={errors()}
        onChange={(periods) => setDraft('timeOff', periods)}
      />
      <div class="save-bar">
        <LiveMessage tone="error" when={invalidCount() > 0}>
          {ht('hr.interviewer.fix', { count: invalidCount() })}
        </LiveMessage>
        <ProblemMessage problem={save.problem()} />
        <LiveMessage tone="success" when={saved()}>
          {saved()}
        </LiveMessage>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? ht('hr.interviewer.saving') : ht('hr.interviewer.save')}
        </button>
      </div>
    </form>
  );
}
