import type { InterviewEmailFacts } from '@portal/shared/email';
import { kindTitle, type InterviewKind, type LocalisedText } from '@portal/shared/interview-kinds';
import type { Locale } from '@portal/shared/i18n/locales';
import type { Kit } from '@portal/shared/kits';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import type { Translate } from '@portal/shared/i18n/translator';
import type { TeamBranding } from '@portal/shared/team-inputs';

/** What a template writes with: the email's locale, its `t`, and the interview's kind in that language. */
export interface Words {
  locale: Locale;
  t: Translate;
  /** The kind as a sentence says it ("entretien technique"); the label HR sees when the kind is not known. */
  kind: string;
  /** The interview's scorecard kit, which an interviewer's invitation links (docs/adr/0065). */
  kit?: Kit | null | undefined;
  /** The interview's hiring team (docs/adr/0076). */
  team?: TeamCard | undefined;
}

/** A hiring team as its emails show it: name and branding (docs/adr/0076). */
export interface TeamCard {
  name: string;
  branding: TeamBranding | null;
}

/** The interview's language and kind, read from its document when the email is composed. */
export interface Reading {
  locale: Locale;
  kind?: InterviewKind | undefined;
  /** The kind's titles fixed at the invitation (docs/adr/0065); absent before kinds were data. */
  kindTitles?: LocalisedText | null | undefined;
  kit?: Kit | null | undefined;
  /** The interview's hiring team, named at the top of the email (docs/adr/0076); absent: none named. */
  team?: TeamCard | undefined;
}

export function wordsFor(facts: InterviewEmailFacts, reading: Reading): Words {
  const t = translatorFor(reading.locale);
  return { locale: reading.locale, t, kind: kindTitle({ kind: reading.kind, kindTitles: reading.kindTitles, kindLabel: facts.kindLabel }, reading.locale, t), kit: reading.kit, team: reading.team };
}
