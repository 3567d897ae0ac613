import type { Locale } from './locales';
import { hrEn, type HrCatalogue } from './hr-messages/en';
import { hrDe } from './hr-messages/de';
import { hrEs } from './hr-messages/es';
import { hrFr } from './hr-messages/fr';
import { hrPtBR } from './hr-messages/pt-BR';
import { hrJa } from './hr-messages/ja';
import { hrAr } from './hr-messages/ar';

/** Every locale's HR console catalogue at once, for the tests; the console loads only its own (load-hr-catalogue.ts). */
export const HR_CATALOGUES: Record<Locale, HrCatalogue> = { en: hrEn, de: hrDe, es: hrEs, fr: hrFr, 'pt-BR': hrPtBR, ja: hrJa, ar: hrAr };
