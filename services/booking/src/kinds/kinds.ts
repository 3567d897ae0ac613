import type { Database } from '@portal/db';
import { isDuplicateKeyError } from '@portal/db';
import type { InterviewKindDocument, KindSettingsDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { SUPPORTED_LOCALES } from '@portal/shared/i18n/locales';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import { SEEDED_KINDS, SEEDED_KIND_IDS, isSeededKind, type LocalisedText, type SeededKind } from '@portal/shared/interview-kinds';
import { EMPTY_KIT } from '@portal/shared/kits';
import { defaultReminderRules, type ReminderRule } from '@portal/shared/reminders';
import { KIND_DEFAULTS, type KindCreateInput, type KindUpdateInput } from '@portal/shared/schemas';
import type { BookingEnv } from '../core/env';

/** Who wrote the seeded kinds: the portal itself, from its own rules and HR's earlier settings. */
export const SEEDED_BY = 'portal';

/** A seeded kind's titles: the catalogue's word for it in every language the portal speaks. */
function seededTitles(kind: SeededKind): LocalisedText {
  const titles = Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, translatorFor(locale)(`kind.${kind}`)]));
  return { ...titles, en: SEEDED_KINDS[kind].label };
}

/**
 * One of the three kinds the portal always had, as a kind document: their rules, their titles in
 * every language, no kit, and HR's earlier notice, provider and reminders where HR had set them.
 */
export function seededKind(kind: SeededKind, legacy: KindSettingsDocument | null, now: Date): InterviewKindDocument {
  const rules = SEEDED_KINDS[kind];
  return {
    _id: kind,
    titles: seededTitles(kind),
    durationMinutes: rules.durationMinutes,
    panelSize: rules.panelSize,
    rescheduleLimit: rules.rescheduleLimit,
    interviewerReminderMinutes: rules.interviewerReminderMinutes,
    decisionWorkingDays: rules.decisionWorkingDays,
    minNoticeMinutes: legacy?.minNoticeMinutes ?? null,
    horizonDays: legacy?.horizonDays ?? null,
    changeCutoffMinutes: legacy?.changeCutoffMinutes ?? null,
    bufferBeforeMinutes: null,
    bufferAfterMinutes: null,
    meetingProvider: legacy?.meetingProvider ?? null,
    reminders: legacy?.reminders ?? null,
    availabilityAction: null,
    holdMinutes: null,
    kit: EMPTY_KIT,
    archived: false,
    createdAt: legacy?.updatedAt ?? now,
    updatedAt: legacy?.updatedAt ?? now,
    updatedBy: legacy?.updatedBy ?? SEEDED_BY,
  };
}

/**
 * The migration to kinds as data (docs/adr/0065): each seeded kind without a document gets one,
 * carrying HR's earlier settings of it. Idempotent, and safe with several booking instances at once:
 * an insert under the kind's id, of which a second collides and is ignored.
 */
export async function seedKinds(db: Database, now = new Date()): Promise<void> {
  const present = new Set((await db.interviewKinds.find({ _id: { $in: SEEDED_KIND_IDS } }, { _id: 1 }).lean()).map((doc) => doc._id));
  const missing = SEEDED_KIND_IDS.filter((kind) => !present.has(kind));
  if (missing.length === 0) return;
  const legacy = new Map((await db.kindSettings.find({ _id: { $in: missing } }).lean()).map((doc) => [doc._id, doc]));
  for (const kind of missing) {
    try {
      await db.interviewKinds.create(seededKind(kind, legacy.get(kind) ?? null, now));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

/** A kind by id: its document, or a seeded kind's rules where the seeding has not run on this database yet. */
export async function readKind(db: Database, id: string): Promise<InterviewKindDocument | null> {
  const doc = await db.interviewKinds.findById(id).lean();
  if (doc) return doc;
  if (!isSeededKind(id)) return null;
  return seededKind(id, await db.kindSettings.findById(id).lean(), new Date());
}

/** The kind an invitation names, if it may take new invitations; else a refusal naming `kind`. */
export async function kindForInvitation(db: Database, id: string): Promise<InterviewKindDocument> {
  const kind = await readKind(db, id);
  if (!kind) throw new DomainError('BAD_INPUT', `There is no interview kind "${id}".`, { field: 'kind' });
  if (kind.archived) throw new DomainError('BAD_INPUT', `The interview kind "${id}" is archived and takes no new invitations.`, { field: 'kind' });
  return kind;
}

/** A loop session's kind refused (unknown or archived): the refusal names that session's field. */
export function refusedForSession(index: number, error: unknown): never {
  if (error instanceof DomainError && error.details['field'] === 'kind') throw new DomainError(error.code, `Session ${index + 1}: ${error.message}`, { field: `sessions.${index}.kind` });
  throw error;
}

/** The portal's reminder schedule where a kind sets none: the configured offsets, by email and by SMS. */
export function defaultReminders(env: BookingEnv): ReminderRule[] {
  return defaultReminderRules(env.REMINDER_OFFSETS_MINUTES ?? SEEDED_KINDS.technical.reminderOffsetsMinutes);
}

/**
 * Every kind of the team, the archived last, each in order of creation. A team made after the
 * seeding holds no document of the three seeded kinds: it has them with the portal's defaults
 * (readKind answers them the same way), and defines its own beside them (docs/adr/0076).
 */
export async function listKinds(db: Database): Promise<InterviewKindDocument[]> {
  const kinds = await db.interviewKinds.find({}).sort({ archived: 1, createdAt: 1, _id: 1 }).lean();
  const present = new Set(kinds.map((kind) => kind._id));
  const seeded = SEEDED_KIND_IDS.filter((id) => !present.has(id)).map((id) => seededKind(id, null, new Date(0)));
  return [...seeded, ...kinds];
}

/** A new kind; each setting left out takes the portal's default. An id in use is refused. */
export async function createKind(db: Database, input: KindCreateInput, actor: string): Promise<InterviewKindDocument> {
  const now = new Date();
  const doc: InterviewKindDocument = {
    _id: input.id,
    titles: input.titles,
    durationMinutes: input.durationMinutes ?? KIND_DEFAULTS.durationMinutes,
    panelSize: input.panelSize ?? KIND_DEFAULTS.panelSize,
    rescheduleLimit: input.rescheduleLimit ?? KIND_DEFAULTS.rescheduleLimit,
    interviewerReminderMinutes: input.interviewerReminderMinutes ?? KIND_DEFAULTS.interviewerReminderMinutes,
    decisionWorkingDays: input.decisionWorkingDays ?? KIND_DEFAULTS.decisionWorkingDays,
    minNoticeMinutes: input.minNoticeMinutes ?? null,
    horizonDays: input.horizonDays ?? null,
    changeCutoffMinutes: input.changeCutoffMinutes ?? null,
    bufferBeforeMinutes: input.bufferBeforeMinutes ?? null,
    bufferAfterMinutes: input.bufferAfterMinutes ?? null,
    meetingProvider: input.meetingProvider ?? null,
    reminders: input.reminders ?? null,
    availabilityAction: input.availabilityAction ?? null,
    holdMinutes: input.holdMinutes ?? null,
    kit: input.kit ?? KIND_DEFAULTS.kit,
    archived: input.archived ?? KIND_DEFAULTS.archived,
    createdAt: now,
    updatedAt: now,
    updatedBy: actor,
  };
  try {
    await db.interviewKinds.create(doc);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    throw new DomainError('ALREADY_EXISTS', `An interview kind "${input.id}" exists already.`, { field: 'id' });
  }
  return doc;
}

/** Changes the fields given (null puts a setting back to the portal's default); interviews already invited keep theirs. */
export async function updateKind(db: Database, input: KindUpdateInput, actor: string): Promise<InterviewKindDocument> {
  const { id, ...fields } = input;
  const updated = await db.interviewKinds.findOneAndUpdate({ _id: id }, { $set: { ...fields, updatedAt: new Date(), updatedBy: actor } }, { new: true }).lean();
  if (!updated) throw new DomainError('NOT_FOUND', `There is no interview kind "${id}".`);
  return updated;
}
