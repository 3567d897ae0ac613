import type { Locale } from './locales';
import type { Catalogue } from './messages/en';

/** One locale's catalogue, fetched on demand: the page downloads only the language it shows. */
export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  switch (locale) {
    case 'en':
      return (await import('./messages/en')).en;
    case 'de':
      return (await import('./messages/de')).de;
    case 'es':
      return (await import('./messages/es')).es;
    case 'fr':
      return (await import('./messages/fr')).fr;
    case 'pt-BR':
      return (await import('./messages/pt-BR')).ptBR;
    case 'ja':
      return (await import('./messages/ja')).ja;
    case 'ar':
      return (await import('./messages/ar')).ar;
  }
}
