import { dayKeyIn, hhmmIn, instantOfWallTime } from './zoned-time';

/** `<input type="datetime-local">` values read as wall time in `zone` (not the browser's). */
export function toDateTimeLocal(iso: string, zone: string): string {
  const instant = new Date(iso);
  if (iso === '' || Number.isNaN(instant.getTime())) return '';
  return `${dayKeyIn(instant, zone)}T${hhmmIn(instant, zone)}`;
}

/** Empty for an empty or partial input, so the form's validation reports it. */
export function fromDateTimeLocal(value: string, zone: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (match === null || match[1] === undefined || match[2] === undefined) return '';
  return instantOfWallTime(match[1], match[2], zone).toISOString();
}
