import type { Locale } from './locales';
import { en, type Catalogue } from './messages/en';
import { de } from './messages/de';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { ptBR } from './messages/pt-BR';
import { ja } from './messages/ja';
import { ar } from './messages/ar';
import { mailEn, type MailCatalogue } from './mail-messages/en';
import { mailDe } from './mail-messages/de';
import { mailEs } from './mail-messages/es';
import { mailFr } from './mail-messages/fr';
import { mailPtBR } from './mail-messages/pt-BR';
import { mailJa } from './mail-messages/ja';
import { mailAr } from './mail-messages/ar';

/** The pages' words (what the browser loads, one locale at a time: load-catalogue.ts). */
export const PAGE_CATALOGUES: Record<Locale, Catalogue> = { en, de, es, fr, 'pt-BR': ptBR, ja, ar };
/** The emails', texts' and calendar files' words: the server's alone. */
export const MAIL_CATALOGUES: Record<Locale, MailCatalogue> = { en: mailEn, de: mailDe, es: mailEs, fr: mailFr, 'pt-BR': mailPtBR, ja: mailJa, ar: mailAr };

export type ServerCatalogue = Catalogue & MailCatalogue;

/** Every locale's words at once, the pages' and the mail's: the server and the tests. */
export const CATALOGUES = Object.fromEntries(
  (Object.keys(PAGE_CATALOGUES) as Locale[]).map((locale) => [locale, { ...PAGE_CATALOGUES[locale], ...MAIL_CATALOGUES[locale] }]),
) as Record<Locale, ServerCatalogue>;
