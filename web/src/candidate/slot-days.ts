import { addDays, dayKeyIn } from '../time/zoned-time';

export interface FreeSlot {
  start: string;
  end: string;
}

export interface SlotDay {
  /** "YYYY-MM-DD" in the viewer's zone. */
  day: string;
  slots: FreeSlot[];
}

/**
 * Every calendar day from today through the booking horizon, in `zone`, each with its free slots
 * (possibly none) in start order. A slot belongs to the day on which it starts in that zone.
 */
export function slotDays(slots: readonly FreeSlot[], zone: string, now: Date, horizonDays: number): SlotDay[] {
  const byDay = new Map<string, FreeSlot[]>();
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const slot of sorted) {
    const day = dayKeyIn(new Date(slot.start), zone);
    const list = byDay.get(day);
    if (list === undefined) byDay.set(day, [slot]);
    else list.push(slot);
  }
  const today = dayKeyIn(now, zone);
  const days: SlotDay[] = [];
  for (let i = 0; i <= horizonDays; i++) {
    const day = addDays(today, i);
    days.push({ day, slots: byDay.get(day) ?? [] });
    byDay.delete(day);
  }
  // Slots past the horizon in this zone (a zone far ahead of the server's) are still offered.
  for (const [day, daySlots] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    if (day > today) days.push({ day, slots: daySlots });
  }
  return days;
}

export function firstDayWithSlots(days: readonly SlotDay[]): string | undefined {
  return days.find((d) => d.slots.length > 0)?.day;
}
