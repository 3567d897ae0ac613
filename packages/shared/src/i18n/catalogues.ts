import type { Locale } from './locales';
import { en, type Catalogue } from './messages/en';
import { de } from './messages/de';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { ptBR } from './messages/pt-BR';
import { ja } from './messages/ja';
import { ar } from './messages/ar';

/** Every locale's catalogue at once: the server and the tests. The page loads only its own (load-catalogue.ts). */
export const CATALOGUES: Record<Locale, Catalogue> = { en, de, es, fr, 'pt-BR': ptBR, ja, ar };
