import { createRoot, createSignal } from 'solid-js';
import { detectTimeZone } from './time-zones';
import { intlLocale } from '../i18n/page-language';

/**
 * What the candidate chose on this device: the zone and 12- or 24-hour times. Kept in
 * localStorage so a reload (or the link opened again later) shows the same times; a device
 * that forbids storage just forgets on reload.
 */
const ZONE_KEY = 'portal.timeZone';
const CLOCK_KEY = 'portal.hourCycle';

export type HourCycle = 'h12' | 'h23';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private modes may refuse storage: the choice still holds until the page is closed.
  }
}

/** The zone chosen on this device earlier, if any. */
export function rememberedZone(): string | null {
  return read(ZONE_KEY);
}

export function rememberZone(zone: string): void {
  write(ZONE_KEY, zone);
}

/** What a locale's own clock is: "10:15 AM" in en-US, "10:15" in en-GB, "10:15" in ja. */
function localeHourCycle(locale: string | undefined): HourCycle {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23';
}

const clock = createRoot(() => {
  const stored = read(CLOCK_KEY);
  const [chosen, setChosen] = createSignal<HourCycle | null>(stored === 'h12' || stored === 'h23' ? stored : null);
  return { chosen, setChosen };
});

/** The candidate's choice on this device, else the clock of the page's language. */
export const hourCycle = (): HourCycle => clock.chosen() ?? localeHourCycle(intlLocale());

export function setHourCycle(cycle: HourCycle): void {
  clock.setChosen(cycle);
  write(CLOCK_KEY, cycle);
}

/** The first zone a candidate sees: their earlier choice, else the booked zone, else the device's. */
export function initialZone(bookedZone: string | null): string {
  return rememberedZone() ?? bookedZone ?? detectTimeZone();
}
