import { For, Show, createResource, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { A } from '@solidjs/router';
import { inviteInput, type InviteInput } from '@portal/shared/schemas';
import { loopInviteInput, type LoopInviteInput } from '@portal/shared/loop-inputs';
import { SEEDED_KINDS, type InterviewKind } from '@portal/shared/kind-titles';
import { trpc } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { FieldError } from '../../ui/field-error';
import { fieldErrorsFromIssues, messagesAt, type FieldErrors } from '../../ui/field-errors';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';
import { LiveMessage } from '../../ui/live-message';
import { ZoneSelect } from '../../ui/zone-select';
import { Loaded } from '../loaded';
import { ProblemMessage } from '../problem-message';
import { AVAILABILITY_ACTIONS, type AvailabilityAction } from '@portal/shared/availability';
import { MEETING_PROVIDERS, type MeetingProvider } from '@portal/shared/meeting-rooms';
import { NoticeOverride } from './notice-override';
import { RemindersOverride } from './reminders-override';
import { KindOverrideSelect } from './kind-override-select';
import { InviteWhat } from './invite-what';
import { InviteSent, type SentInvitation } from './invite-sent';
import { LOCALE_NAMES, SUPPORTED_LOCALES, isLocale, type Locale } from '@portal/shared/i18n/locales';
import { hrFieldWords, ht } from '../hr-language';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { kindTitle } from '../../i18n/page-language';

const FIELD_LABELS: Record<string, HrMessageKey> = {
  candidateName: 'hr.invite.name',
  candidateEmail: 'hr.invite.email',
  candidateTimezone: 'hr.invite.zone',
  locale: 'hr.invite.language',
  position: 'hr.invite.position',
  kind: 'hr.invite.kind',
  interviewerIds: 'hr.invite.interviewers',
  panelSize: 'hr.invite.panelSize',
  'notice.minNoticeMinutes': 'hr.invite.minNotice',
  'notice.horizonDays': 'hr.invite.horizon',
  'notice.changeCutoffMinutes': 'hr.invite.cutoff',
  templateId: 'hr.invite.what',
};

const blank = () => ({
  /** '' invites to a single interview; otherwise the loop template's id. */
  templateId: '',
  candidateName: '',
  candidateEmail: '',
  candidateTimezone: detectTimeZone(),
  /** '' leaves the default: English, unless the candidate's browser asks for another supported language. */
  locale: '' as Locale | '',
  position: '',
  kind: 'technical' as InterviewKind,
  interviewerIds: [] as string[],
  panelSize: SEEDED_KINDS.technical.panelSize as number,
  notice: {} as NonNullable<InviteInput['notice']>,
  /** Undefined: the kind's schedule. */
  reminders: undefined as InviteInput['reminders'],
  /** '' leaves the kind's: book a time found in the candidate's windows, or offer it (docs/adr/0073). */
  availabilityAction: '' as AvailabilityAction | '',
  /** '' leaves the kind's provider (docs/adr/0074). */
  meetingProvider: '' as MeetingProvider | '',
});

export default function InvitePage() {
  const [interviewers, { refetch }] = createResource(() => trpc.hr.interviewers.list.query());
  const [templates] = createResource(() => trpc.hr.loops.templates.query());
  // The kinds that take invitations (issue 50): the seeded ones and HR's own, none archived.
  const [kinds] = createResource(() => trpc.hr.kinds.list.query());
  const kindList = () => (kinds.state === 'ready' ? kinds.latest : []);
  // Read by state: a template list that is late or fails must not hold up or break a single invitation.
  const templateList = () => (templates.state === 'ready' ? templates.latest : []);
  const [form, setForm] = createStore(blank());
  const [checkErrors, setCheckErrors] = createSignal<FieldErrors>({});
  const [sent, setSent] = createSignal<SentInvitation | null>(null);
  const invite = createMutation((input: InviteInput) => trpc.hr.interviews.invite.mutate(input));
  const inviteLoop = createMutation((input: LoopInviteInput) => trpc.hr.loops.invite.mutate(input));
  const single = () => form.templateId === '';
  const problem = () => (single() ? invite.problem() : inviteLoop.problem());
  const errors = (): FieldErrors => ({ ...problem()?.fieldErrors, ...checkErrors() });
  const error = (path: string) => messagesAt(errors(), path);
  const fieldsToFix = () => Object.keys(checkErrors()).map((path) => {
    const label = FIELD_LABELS[path];
    return label === undefined ? path : ht(label);
  });
  let formElement: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSent(null);
    const { locale, templateId, availabilityAction, meetingProvider, ...rest } = form;
    if (templateId !== '') return submitLoop(templateId, locale);
    const checked = inviteInput.safeParse({
      ...rest,
      ...(locale === '' ? {} : { locale }),
      ...(availabilityAction === '' ? {} : { availabilityAction }),
      ...(meetingProvider === '' ? {} : { meetingProvider }),
    });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return focusFirstInvalid(formElement);
    const result = await invite.run(checked.data);
    if (result === undefined) return focusFirstInvalid(formElement);
    setSent({ interviewId: result.interviewId, loopId: null, name: rest.candidateName });
    setForm(blank());
  }

  /** A loop takes its sessions, pools and layout from the template; the candidate's fields are checked as for one interview. */
  async function submitLoop(templateId: string, locale: Locale | '') {
    const { candidateName, candidateEmail, candidateTimezone, position } = form;
    const fields = { candidateName, candidateEmail, candidateTimezone, position, templateId };
    const checked = loopInviteInput.safeParse(locale === '' ? fields : { ...fields, locale });
    setCheckErrors(checked.success ? {} : fieldErrorsFromIssues(checked.error.issues, hrFieldWords()));
    if (!checked.success) return focusFirstInvalid(formElement);
    const result = await inviteLoop.run(checked.data);
    const first = result?.interviewIds[0];
    if (result === undefined || first === undefined) return focusFirstInvalid(formElement);
    setSent({ interviewId: first, loopId: result.loopId, name: candidateName });
    setForm(blank());
  }

  function chooseWhat(templateId: string) {
    const template = templateList().find((t) => t.id === templateId);
    // The template names its position; HR can still change it for this candidate.
    setForm({ templateId, ...(template && form.position.trim() === '' ? { position: template.position } : {}) });
    setCheckErrors({});
    invite.clear();
    inviteLoop.clear();
  }

  const toggleInterviewer = (id: string, on: boolean) =>
    setForm('interviewerIds', (ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const text = (key: 'candidateName' | 'candidateEmail' | 'position', label: HrMessageKey, type = 'text') => (
    <div class="field">
      <label for={`invite-${key}`}>{ht(label)}</label>
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
      <h1>{ht('hr.invite.title')}</h1>
      <InviteSent sent={sent()} />
      <form class="card" ref={formElement} onSubmit={submit} novalidate>
        <LiveMessage tone="error" when={fieldsToFix().length > 0}>
          {ht('hr.form.check', { count: fieldsToFix().length, fields: fieldsToFix().join(', ') })}
        </LiveMessage>
        <InviteWhat
          templates={templateList()}
          loading={templates.state === 'pending'}
          failed={templates.state === 'errored'}
          value={form.templateId}
          error={error('templateId')}
          onChange={chooseWhat}
        />
        {text('candidateName', 'hr.invite.name')}
        {text('candidateEmail', 'hr.invite.email', 'email')}
        <ZoneSelect
          id="invite-zone"
          label={ht('hr.invite.zoneGuess')}
          value={form.candidateTimezone}
          onChange={(zone) => setForm('candidateTimezone', zone)}
        />
        <div class="field">
          <label for="invite-locale">{ht('hr.invite.language')}</label>
          <select
            id="invite-locale"
            aria-describedby="invite-locale-hint"
            value={form.locale}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm('locale', isLocale(value) ? value : '');
            }}
          >
            <option value="">{ht('hr.invite.languageUnset')}</option>
            <For each={SUPPORTED_LOCALES}>
              {(locale) => (
                <option value={locale} lang={locale} translate="no">
                  {LOCALE_NAMES[locale]} ({locale})
                </option>
              )}
            </For>
          </select>
          <p class="hint" id="invite-locale-hint">
            {ht('hr.invite.languageHint')}
          </p>
        </div>
        {text('position', 'hr.invite.position')}
        <Show when={single()}>
          <div class="field">
            <label for="invite-kind">{ht('hr.invite.kind')}</label>
            <select
              id="invite-kind"
              value={form.kind}
              onChange={(e) => {
                const kind = e.currentTarget.value as InterviewKind;
                setForm({ kind, panelSize: kindList().find((k) => k.kind === kind)?.panelSize ?? 1 });
              }}
            >
              <For each={kindList()}>
                {(kind) => (
                  <option value={kind.kind}>
                    {ht('hr.invite.kindOption', { kind: kindTitle(kind.kind, kind.label, kind.titles), minutes: kind.durationMinutes })}
                  </option>
                )}
              </For>
            </select>
          </div>
          <fieldset aria-describedby="invite-interviewerIds-error" aria-invalid={error('interviewerIds') !== undefined}>
            <legend>{ht('hr.invite.interviewers')}</legend>
            <p class="hint">{ht('hr.invite.interviewersHint')}</p>
            <Loaded resource={interviewers} retry={() => void refetch()} what={ht('hr.invite.loadingInterviewers')}>
              {(list) => {
                const active = () => list().filter((i) => i.active);
                return (
                  <Show
                    when={active().length > 0}
                    fallback={
                      <p class="empty">
                        <HrWords message="hr.invite.noInterviewers" values={{ link: <A href="/hr/interviewers/new">{ht('hr.invite.addOne')}</A> }} />
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
                            <Data>{person.name}</Data>{' '}
                            <span class="row-sub">
                              (<Data>{person.timezone}</Data>)
                            </span>
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
            <label for="invite-panelSize">{ht('hr.invite.panelSize')}</label>
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
              {ht('hr.invite.panelSizeHint')}
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
          <KindOverrideSelect
            field="availabilityAction"
            label="hr.kinds.availabilityAction"
            hint="hr.kinds.availabilityActionHint"
            value={form.availabilityAction}
            options={AVAILABILITY_ACTIONS}
            optionLabel={(action) => `hr.kinds.availabilityAction.${action}`}
            onChange={(action) => setForm('availabilityAction', action)}
          />
          <KindOverrideSelect
            field="meetingProvider"
            label="hr.kinds.meetingLink"
            hint="hr.invite.meetingProviderHint"
            value={form.meetingProvider}
            options={MEETING_PROVIDERS}
            optionLabel={(provider) => `hr.kinds.provider.${provider}`}
            onChange={(provider) => setForm('meetingProvider', provider)}
          />
        </Show>
        <ProblemMessage problem={problem()} />
        <button type="submit" class="primary" disabled={invite.pending() || inviteLoop.pending()}>
          {invite.pending() || inviteLoop.pending() ? ht('hr.invite.sending') : ht('hr.invite.send')}
        </button>
      </form>
    </>
  );
}
