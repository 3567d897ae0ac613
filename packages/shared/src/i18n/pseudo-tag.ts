/** The pseudo-locale's tag: never offered or stored, only asked for by the page's `?lang=` for tests (pseudo.ts). */
export const PSEUDO_LOCALE = 'en-XA';
