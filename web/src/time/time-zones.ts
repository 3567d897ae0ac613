export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let cached: string[] | undefined;

/** Every zone the browser knows, plus `extra` (a stored zone may be an alias the list omits). */
export function timeZoneChoices(...extra: string[]): string[] {
  cached ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const missing = extra.filter((zone) => zone !== '' && !cached?.includes(zone));
  return missing.length === 0 ? cached : [...missing, ...cached].sort();
}
