import type { Locale } from './locales';
import type { HrCatalogue } from './hr-messages/en';

/** The HR console's catalogue for one locale, fetched on demand: a candidate's page never downloads it. */
export async function loadHrCatalogue(locale: Locale): Promise<HrCatalogue> {
  switch (locale) {
    case 'en':
      return (await import('./hr-messages/en')).hrEn;
    case 'de':
      return (await import('./hr-messages/de')).hrDe;
    case 'es':
      return (await import('./hr-messages/es')).hrEs;
    case 'fr':
      return (await import('./hr-messages/fr')).hrFr;
    case 'pt-BR':
      return (await import('./hr-messages/pt-BR')).hrPtBR;
    case 'ja':
      return (await import('./hr-messages/ja')).hrJa;
    case 'ar':
      return (await import('./hr-messages/ar')).hrAr;
  }
}
