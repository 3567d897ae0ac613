import { For, Show, createResource, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { A } from '@solidjs/router';
import { inviteInput, type InviteInput } from '@portal/shared/schemas';
import { INTERVIEW_KINDS, INTERVIEW_KIND_NAMES, type InterviewKind } from '@portal/shared/interview-kinds';
import { trpc } from '../../trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';
import { LiveMessage } from '../../ui/live-message';
import { ZoneSelect } from '../../ui/zone-select';
import { Loaded } from '../loaded';
import { ProblemMessage } from '../problem-message';
import { NoticeOverride } from './notice-override';
import { RemindersOverride } from './reminders-override';
import { LOCALE_NAMES, SUPPORTED_LOCALES, isLocale, type Locale } from '@portal/shared/i18n/locales';

const FIELD_LABELS: Record<string, string> = {
  candidateName: 'Candidate name',
  candidateEmail: 'Candidate email',
  candidateTimezone: "Candidate's time zone",
  locale: "Candidate's language",
  position: 'Position',
  kind: 'Interview kind',
  interviewerIds: 'Interviewers',
  panelSize: 'Interviewers at once',
  'notice.minNoticeMinutes': 'Minimum notice',
  'notice.horizonDays': 'Booking horizon',
  'notice.changeCutoffMinutes': 'Change cutoff',
};

const blank = () => ({
  candidateName: '',
  candidateEmail: '',
  candidateTimezone: detectTimeZone(),
  /** '' leaves the default: English, unless the candidate's browser asks for another supported language. */
  locale: '' as Locale | '',
  position: '',
  kind: 'technical' as InterviewKind,
  interviewerIds: [] as string[],
  panelSize: INTERVIEW_KINDS.technical.panelSize as number,
  notice: {} as NonNullable<InviteInput['notice']>,
  /** Undefined: the kind's schedule. */
  reminders: undefined as InviteInput['reminders'],
});

export default function InvitePage() {
  const [interviewers, { refetch }] = createResource(() => trpc.hr.interviewers.list.query());
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [sent, setSent] = createSignal<{ interviewId: string; name: string } | null>(null);
  const invite = createMutation((input: InviteInput) => trpc.hr.interviews.invite.mutate(input));
  const errors = (): FieldErrors => ({ ...invite.problem()?.fieldErrors, ...checkErrors() });
  const error = (path: string) => messagesAt(errors(), path);
  const fieldsToFix = () => Object.keys(checkErrors()).map((path) => FIELD_LABELS[path] ?? path);
  let formElement: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSent(null);
    const { locale, ...rest } = form;
    const checked = inviteInput.safeParse(locale === '' ? rest : { ...rest, locale });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues));
    if (!checked.success) return focusFirstInvalid(formElement);
    const result = await invite.run(checked.data);
    if (result === undefined) return focusFirstInvalid(formElement);
    setSent({ interviewId: result.interviewId, name: form.candidateName });
    setForm(blank());
  }

  const toggleInterviewer = (id: string, on: boolean) =>
    setForm('interviewerIds', (ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const text = (key: 'candidateName' | 'candidateEmail' | 'position', label: string, type = 'text') => (
    <div class="field">
      <label for={`invite-${key}`}>{label}</label>
      <input
        id={`invite-${key}`}
        type={type}
        required
        value={form[key]}
        aria-invalid={error(key) !== undefined}
        aria-describedby={`invite-${key}-error`}
        onInput={(e) => setForm(key, e.currentTarget.value)}
      />
      <FieldError id={`invite-${key}-error`} message={error(key)} />
    </div>
  );

  return (
    <>
      <h1>Invite a candidate</h1>
      <LiveMessage tone="success" when={sent()}>
        Invitation sent to {sent()?.name}.{' '}
        <A href={`/hr/interviews/${encodeURIComponent(sent()?.interviewId ?? '')}`}>Open the interview</A>
      </LiveMessage>
      <form class="card" ref={formElement} onSubmit={submit} novalidate>
        <LiveMessage tone="error" when={fieldsToFix().length > 0}>
          Check {fieldsToFix().length === 1 ? 'this field' : `these ${fieldsToFix().length} fields`}: {fieldsToFix().join(', ')}.
        </LiveMessage>
        {text('candidateName', 'Candidate name')}
        {text('candidateEmail', 'Candidate email', 'email')}
        <ZoneSelect
          id="invite-zone"
          label="Candidate's time zone (our guess; they can change it)"
          value={form.candidateTimezone}
          onChange={(zone) => setForm('candidateTimezone', zone)}
        />
        <div class="field">
          <label for="invite-locale">Candidate's language</label>
          <select
            id="invite-locale"
            aria-describedby="invite-locale-hint"
            value={form.locale}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm('locale', isLocale(value) ? value : '');
            }}
          >
            <option value="">Not chosen: their browser's, else English</option>
            <For each={SUPPORTED_LOCALES}>
              {(locale) => (
                <option value={locale}>
                  {LOCALE_NAMES[locale]} ({locale})
                </option>
              )}
            </For>
          </select>
          <p class="hint" id="invite-locale-hint">
            Their page, emails and calendar entry use it; they can change it on their page.
          </p>
        </div>
        {text('position', 'Position')}
        <div class="field">
          <label for="invite-kind">Interview kind</label>
          <select
            id="invite-kind"
            value={form.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as InterviewKind;
              setForm({ kind, panelSize: INTERVIEW_KINDS[kind].panelSize });
            }}
          >
            <For each={INTERVIEW_KIND_NAMES}>
              {(kind) => (
                <option value={kind}>
                  {INTERVIEW_KINDS[kind].label} ({INTERVIEW_KINDS[kind].durationMinutes} min)
                </option>
              )}
            </For>
          </select>
        </div>
        <fieldset aria-describedby="invite-interviewerIds-error" aria-invalid={error('interviewerIds') !== undefined}>
          <legend>Interviewers</legend>
          <p class="hint">Candidates see the free times of every interviewer you tick.</p>
          <Loaded resource={interviewers} retry={() => void refetch()} what="interviewers">
            {(list) => {
              const active = () => list().filter((i) => i.active);
              return (
                <Show
                  when={active().length > 0}
                  fallback={
                    <p class="empty">
                      No active interviewers yet. <A href="/hr/interviewers/new">Add one</A> first.
                    </p>
                  }
                >
                  <For each={active()}>
                    {(person) => (
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={form.interviewerIds.includes(person.id)}
                          onChange={(e) => toggleInterviewer(person.id, e.currentTarget.checked)}
                        />
                        <span>
                          {person.name} <span class="row-sub">({person.timezone})</span>
                        </span>
                      </label>
                    )}
                  </For>
                </Show>
              );
            }}
          </Loaded>
          <FieldError id="invite-interviewerIds-error" message={error('interviewerIds')} />
        </fieldset>
        <div class="field">
          <label for="invite-panelSize">Interviewers at once</label>
          <input
            id="invite-panelSize"
            type="number"
            min="1"
            max={Math.max(1, form.interviewerIds.length)}
            value={form.panelSize}
            aria-describedby="invite-panelSize-hint invite-panelSize-error"
            aria-invalid={error('panelSize') !== undefined}
            onInput={(e) => setForm('panelSize', Number(e.currentTarget.value))}
          />
          <p class="hint" id="invite-panelSize-hint">
            A time is offered only when this many of the ticked interviewers are free together; who sits is picked so load spreads evenly.
          </p>
          <FieldError id="invite-panelSize-error" message={error('panelSize')} />
        </div>
        <NoticeOverride
          kind={form.kind}
          value={form.notice}
          onChange={(key, value) => setForm('notice', key, value)}
          error={error}
        />
        <RemindersOverride kind={form.kind} value={form.reminders} onChange={(rules) => setForm('reminders', rules)} error={error} />
        <ProblemMessage problem={invite.problem()} />
        <button type="submit" class="primary" disabled={invite.pending()}>
          {invite.pending() ? 'Sending…' : 'Send invitation'}
        </button>
      </form>
    </>
  );
}
