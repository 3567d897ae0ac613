import { SUPPORTED_LOCALES, DEFAULT_LOCALE, type Locale } from './i18n/locales';

/**
 * Interview kinds are data (issue 50, docs/adr/0065): HR creates any number, each named by a slug.
 * What names a kind, without zod, so the candidate's pages carry no schema library for it.
 * The three below are the kinds the portal has always had; they are seeded with exactly these rules,
 * and an interview invited before kinds were data reads its rules from here.
 */
export const SEEDED_KINDS = {
  technical: {
    label: 'Technical interview',
    durationMinutes: 60,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 1,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
  screening: {
    label: 'Screening call',
    durationMinutes: 30,
    rescheduleLimit: 3,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 1,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
  panel: {
    label: 'Panel interview',
    durationMinutes: 90,
    rescheduleLimit: 2,
    reminderOffsetsMinutes: [24 * 60, 60, 15],
    panelSize: 2,
    interviewerReminderMinutes: 15,
    decisionWorkingDays: 5,
  },
} as const satisfies Record<string, KindRules>;

/** The rules a kind fixes on each interview invited with it. */
export interface KindRules {
  /** The kind's title in the default language. */
  label: string;
  durationMinutes: number;
  rescheduleLimit: number;
  reminderOffsetsMinutes: readonly number[];
  panelSize: number;
  interviewerReminderMinutes: number;
  decisionWorkingDays: number;
}

export type SeededKind = keyof typeof SEEDED_KINDS;
export const SEEDED_KIND_IDS = Object.keys(SEEDED_KINDS) as [SeededKind, ...SeededKind[]];

/** A kind's id: the slug HR chose (or a seeded one), as interviews, loops and recorded histories carry it. */
export type InterviewKind = string;

export function isSeededKind(kind: string): kind is SeededKind {
  return Object.hasOwn(SEEDED_KINDS, kind);
}

/** A text in some of the portal's languages; the default language's is the one every other falls back to. */
export type LocalisedText = Partial<Record<Locale, string>> & { en: string };

/** The text for `locale`, else the default language's. */
export function localised(text: LocalisedText, locale: string | undefined): string {
  const wanted = (SUPPORTED_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : DEFAULT_LOCALE;
  return text[wanted]?.trim() || text.en;
}

/**
 * What an interview's kind is called in `locale`: its titles as fixed at the invitation; for an
 * interview invited before kinds were data, a seeded kind's word from the catalogue
 * (`translateSeeded`), else the label it was sent with, else the slug itself.
 */
export function kindTitle(
  of: { kind?: string | undefined; kindTitles?: LocalisedText | null | undefined; kindLabel?: string | undefined },
  locale: string | undefined,
  translateSeeded?: (key: `kind.${SeededKind}`) => string,
): string {
  if (of.kindTitles) return localised(of.kindTitles, locale);
  if (of.kind && isSeededKind(of.kind)) return translateSeeded ? translateSeeded(`kind.${of.kind}`) : SEEDED_KINDS[of.kind].label;
  return of.kindLabel ?? of.kind ?? '';
}

/** The titles of an interview's kind for the default language, as HR lists and summaries show them. */
export function kindLabelOf(of: { kind: string; kindTitles?: LocalisedText | null | undefined }): string {
  return kindTitle(of, DEFAULT_LOCALE);
}
