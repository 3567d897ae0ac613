/** "entrevista técnica" → "Entrevista técnica": a message used as a label or at a sentence's start. */
export function capitalized(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
