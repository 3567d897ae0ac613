import type { Database } from '@portal/db';
import type { InterviewDocument, KindSettingsDocument } from '@portal/db/documents';
import { INTERVIEW_KIND_NAMES, INTERVIEW_KINDS, type InterviewKind } from '@portal/shared/interview-kinds';
import { checkedNotice, resolveNotice, type NoticeRules } from '@portal/shared/notice';
import { DEFAULT_MEETING_PROVIDER, type MeetingProvider } from '@portal/shared/meeting-rooms';
import type { KindSettingsInput } from '@portal/shared/schemas';
import type { ReminderRule } from '@portal/shared/reminders';
import type { BookingEnv } from '../core/env';
import { defaultReminders } from './kind-reminders';

/** The portal's notice rules where HR has set none for a kind: the environment's. */
export function defaultNotice(env: BookingEnv): NoticeRules {
  return {
    minNoticeMinutes: env.MIN_NOTICE_MINUTES,
    horizonDays: env.HORIZON_DAYS,
    changeCutoffMinutes: env.CHANGE_CUTOFF_MINUTES,
  };
}

const rulesOf = (doc: KindSettingsDocument): NoticeRules => ({
  minNoticeMinutes: doc.minNoticeMinutes,
  horizonDays: doc.horizonDays,
  changeCutoffMinutes: doc.changeCutoffMinutes,
});

/**
 * Everything a new invitation of `kind` (alone or a loop's session) takes from the kind's settings,
 * from one read of them: the notice rules (the invitation's own values over the kind's over the
 * defaults), the meeting provider (Jitsi where HR has named none) and the reminder schedule (the
 * invitation's own over the kind's over the default, docs/adr/0027).
 */
export async function kindRulesForInvitation(
  db: Database,
  env: BookingEnv,
  kind: InterviewKind,
  invitation: { notice?: Partial<NoticeRules> | undefined; reminders?: ReminderRule[] | undefined },
): Promise<{ notice: NoticeRules; meetingProvider: MeetingProvider; reminders: ReminderRule[] }> {
  const settings = await db.kindSettings.findById(kind).lean();
  return {
    notice: resolveNotice(defaultNotice(env), settings && rulesOf(settings), invitation.notice),
    meetingProvider: settings?.meetingProvider ?? DEFAULT_MEETING_PROVIDER,
    reminders: invitation.reminders ?? settings?.reminders ?? defaultReminders(env, kind),
  };
}

/** The rules an existing interview runs under: those fixed at its invitation, or the defaults for one invited before. */
export function noticeOf(interview: Pick<InterviewDocument, 'notice'>, env: BookingEnv): NoticeRules {
  return interview.notice ?? defaultNotice(env);
}

/** Every kind with its settings, and whether they are HR's or the defaults. */
export async function listKindSettings(db: Database, env: BookingEnv) {
  const docs = new Map((await db.kindSettings.find({}).lean()).map((doc) => [doc._id, doc]));
  return INTERVIEW_KIND_NAMES.map((kind) => {
    const doc = docs.get(kind);
    return {
      kind,
      label: INTERVIEW_KINDS[kind].label,
      durationMinutes: env.INTERVIEW_DURATION_MINUTES ?? INTERVIEW_KINDS[kind].durationMinutes,
      ...(doc ? rulesOf(doc) : defaultNotice(env)),
      meetingProvider: doc?.meetingProvider ?? DEFAULT_MEETING_PROVIDER,
      defaults: defaultNotice(env),
      reminders: doc?.reminders ?? defaultReminders(env, kind),
      defaultReminders: defaultReminders(env, kind),
      updatedAt: doc?.updatedAt.toISOString() ?? null,
      updatedBy: doc?.updatedBy ?? null,
    };
  });
}

/** Replaces a kind's settings; interviews already invited keep the rules fixed at their invitation. */
export async function saveKindSettings(db: Database, input: KindSettingsInput, actor: string) {
  const { kind, meetingProvider, reminders, ...fields } = input;
  const rules = checkedNotice(fields);
  const doc: KindSettingsDocument = { _id: kind, ...rules, meetingProvider, reminders: reminders ?? null, updatedAt: new Date(), updatedBy: actor };
  await db.kindSettings.replaceOne({ _id: kind }, doc, { upsert: true });
  return { kind, ...rules, meetingProvider, reminders: reminders ?? null, updatedAt: doc.updatedAt.toISOString(), updatedBy: actor };
}
