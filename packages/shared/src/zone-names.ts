/**
 * Whether a name is a time zone this runtime knows (the IANA database, any letter case). Free of
 * luxon, so the web forms' schemas can use it. Checking a name builds an Intl formatter (about half
 * a millisecond under load); only valid names are kept, so the cache is bounded by the tz database.
 */
const validZones = new Set<string>();

export function isValidTimezone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  if (tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz }).format();
  } catch {
    return false;
  }
  validZones.add(tz);
  return true;
}
