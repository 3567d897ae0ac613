import type { Database } from '@portal/db';
import type { InterviewKindDocument } from '@portal/db/documents';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { kindBuffers, type Buffers } from '@portal/shared/buffers';
import { checkedNotice, resolveNotice, type NoticeRules } from '@portal/shared/notice';
import { DEFAULT_MEETING_PROVIDER, type MeetingProvider } from '@portal/shared/meeting-rooms';
import type { KindSettingsInput } from '@portal/shared/schemas';
import { DEFAULT_AVAILABILITY_ACTION, type AvailabilityAction } from '@portal/shared/availability';
import type { ReminderRule } from '@portal/shared/reminders';
import type { BookingEnv } from '../core/env';
import { defaultNotice } from '../slots/notice-rules';
import { defaultReminders, kindForInvitation, listKinds, updateKind } from './kinds';

/** A kind's own notice rules, when HR set them (all three go together on the Kinds page). */
const rulesOf = (doc: InterviewKindDocument): Partial<NoticeRules> =>
  Object.fromEntries(
    (['minNoticeMinutes', 'horizonDays', 'changeCutoffMinutes'] as const).filter((field) => doc[field] !== null && doc[field] !== undefined).map((field) => [field, doc[field]]),
  );

/** Whole-notice view of a kind: its own values over the defaults. */
const noticeOfKind = (doc: InterviewKindDocument, env: BookingEnv): NoticeRules => ({ ...defaultNotice(env), ...rulesOf(doc) });

export interface KindRulesForInvitation {
  /** The kind as it is now: its rules, titles and kit are fixed on the interview. */
  kind: InterviewKindDocument;
  notice: NoticeRules;
  meetingProvider: MeetingProvider;
  reminders: ReminderRule[];
  /** The kind's buffers, when it asks for any beyond the panel's own (docs/adr/0066). */
  buffers: Buffers | null;
  /** What a time found in the candidate's windows gets: the invitation's word over the kind's (docs/adr/0073). */
  availabilityAction: AvailabilityAction;
}

/**
 * Everything a new invitation of `kind` (alone or a loop's session) takes from the kind, from one
 * read of it: the kind itself (refused when unknown or archived, naming `kind`), the notice rules
 * (the invitation's own values over the kind's over the defaults), the meeting provider (Jitsi where
 * HR has named none), the reminder schedule (the invitation's own over the kind's over the
 * default, docs/adr/0027) and the kind's buffers (docs/adr/0066).
 */
export async function kindRulesForInvitation(
  db: Database,
  env: BookingEnv,
  kindId: string,
  invitation: { notice?: Partial<NoticeRules> | undefined; reminders?: ReminderRule[] | undefined; availabilityAction?: AvailabilityAction | undefined },
): Promise<KindRulesForInvitation> {
  const kind = await kindForInvitation(db, kindId);
  return {
    kind,
    notice: resolveNotice(defaultNotice(env), rulesOf(kind), invitation.notice),
    meetingProvider: kind.meetingProvider ?? DEFAULT_MEETING_PROVIDER,
    reminders: invitation.reminders ?? kind.reminders ?? defaultReminders(env),
    buffers: kindBuffers(kind),
    availabilityAction: invitation.availabilityAction ?? kind.availabilityAction ?? DEFAULT_AVAILABILITY_ACTION,
  };
}

/** Every kind that takes invitations, with its settings and whether they are HR's or the defaults. */
export async function listKindSettings(db: Database, env: BookingEnv) {
  const kinds = await listKinds(db);
  return kinds
    .filter((doc) => !doc.archived)
    .map((doc) => ({
      kind: doc._id,
      label: kindLabelOf({ kind: doc._id, kindTitles: doc.titles }),
      titles: doc.titles,
      durationMinutes: env.INTERVIEW_DURATION_MINUTES ?? doc.durationMinutes,
      panelSize: doc.panelSize,
      ...noticeOfKind(doc, env),
      meetingProvider: doc.meetingProvider ?? DEFAULT_MEETING_PROVIDER,
      defaults: defaultNotice(env),
      reminders: doc.reminders ?? defaultReminders(env),
      defaultReminders: defaultReminders(env),
      updatedAt: doc.updatedAt.toISOString(),
      updatedBy: doc.updatedBy,
    }));
}

/** Replaces a kind's notice, provider and reminders; interviews already invited keep the rules fixed at their invitation. */
export async function saveKindSettings(db: Database, input: KindSettingsInput, actor: string) {
  const { kind, meetingProvider, reminders, ...fields } = input;
  const rules = checkedNotice(fields);
  const doc = await updateKind(db, { id: kind, ...rules, meetingProvider, reminders: reminders ?? null }, actor);
  return { kind, ...rules, meetingProvider, reminders: reminders ?? null, updatedAt: doc.updatedAt.toISOString(), updatedBy: actor };
}
