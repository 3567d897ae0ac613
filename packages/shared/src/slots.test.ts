import { describe, expect, it } from 'vitest';
import { IANAZone } from 'luxon';
import { DomainError } from './errors';
import { windowedZoneClock, zoneClock } from './slot-zone-clock';
import {
  DEFAULT_SLOT_RULES,
  claimCells,
  formatInZone,
  generateSlots,
  isValidTimezone,
  localDay,
  type Booked,
  type InterviewerAvailability,
  type Slot,
  type SlotRules,
  type TimeRange,
} from './slots';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

function everyDay(...ranges: TimeRange[]): InterviewerAvailability['weekly'] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges }));
}

function availability(fields: Partial<InterviewerAvailability> = {}): InterviewerAvailability {
  return {
    interviewerId: 'ann',
    timezone: 'UTC',
    weekly: everyDay({ start: '09:00', end: '17:00' }),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: 10,
    ...fields,
  };
}

function slots(input: {
  interviewers: InterviewerAvailability[];
  booked?: Booked[];
  now: string;
  rules?: Partial<SlotRules>;
}): Slot[] {
  return generateSlots({
    interviewers: input.interviewers,
    booked: input.booked ?? [],
    now: at(input.now),
    rules: { ...DEFAULT_SLOT_RULES, durationMinutes: 60, minNoticeMinutes: 0, ...input.rules },
  });
}

/** ISO starts of the slots on one local date of the zone. */
function startsOn(all: Slot[], date: string, timezone = 'UTC'): string[] {
  return all.filter((s) => localDay(s.start, timezone) === date).map((s) => s.start.toISOString());
}

function wallHour(instant: Date, timezone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
}

describe('generateSlots across DST changes and zone offsets', () => {
  const london = availability({ timezone: 'Europe/London' });
  const newYork = availability({ timezone: 'America/New_York' });

  it('London 09:00-17:00 starts at 08:00Z on the spring-forward day and is still 8 real hours', () => {
    const all = slots({ interviewers: [london], now: '2026-03-20T00:00:00Z' });
    const day = startsOn(all, '2026-03-29', 'Europe/London');
    expect(day[0]).toBe('2026-03-29T08:00:00.000Z');
    expect(day.at(-1)).toBe('2026-03-29T15:00:00.000Z');
    expect(day).toHaveLength(29);
    expect(startsOn(all, '2026-03-22', 'Europe/London')[0]).toBe('2026-03-22T09:00:00.000Z');
  });

  it('London 09:00-17:00 starts at 09:00Z on the fall-back day and at 08:00Z the day before', () => {
    const all = slots({ interviewers: [london], now: '2026-10-20T00:00:00Z' });
    const day = startsOn(all, '2026-10-25', 'Europe/London');
    expect(day[0]).toBe('2026-10-25T09:00:00.000Z');
    expect(day.at(-1)).toBe('2026-10-25T16:00:00.000Z');
    expect(day).toHaveLength(29);
    expect(startsOn(all, '2026-10-24', 'Europe/London')[0]).toBe('2026-10-24T08:00:00.000Z');
  });

  it('New York 09:00-17:00 moves from 14:00Z to 13:00Z across the March change and back in November', () => {
    const spring = slots({ interviewers: [newYork], now: '2026-02-28T00:00:00Z' });
    expect(startsOn(spring, '2026-03-01', 'America/New_York')[0]).toBe('2026-03-01T14:00:00.000Z');
    expect(startsOn(spring, '2026-03-08', 'America/New_York')[0]).toBe('2026-03-08T13:00:00.000Z');
    expect(startsOn(spring, '2026-03-08', 'America/New_York')).toHaveLength(29);
    const autumn = slots({ interviewers: [newYork], now: '2026-10-28T00:00:00Z' });
    expect(startsOn(autumn, '2026-10-31', 'America/New_York')[0]).toBe('2026-10-31T13:00:00.000Z');
    expect(startsOn(autumn, '2026-11-01', 'America/New_York')[0]).toBe('2026-11-01T14:00:00.000Z');
  });

  it('New York 01:00-03:00 on the spring-forward day offers no start at the skipped 02:xx wall times', () => {
    const night = availability({ timezone: 'America/New_York', weekly: everyDay({ start: '01:00', end: '03:00' }) });
    const all = slots({ interviewers: [night], now: '2026-02-27T00:00:00Z', rules: { durationMinutes: 30 } });
    const day = startsOn(all, '2026-03-08', 'America/New_York');
    expect(day).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T06:15:00.000Z', '2026-03-08T06:30:00.000Z']);
    expect(day.every((iso) => wallHour(at(iso), 'America/New_York') === 1)).toBe(true);
    expect(startsOn(all, '2026-03-01', 'America/New_York')).toHaveLength(7);
  });

  it('working hours that start inside the spring-forward gap begin when the clock reaches 03:00', () => {
    const early = availability({ timezone: 'America/New_York', weekly: everyDay({ start: '02:30', end: '05:00' }) });
    const day = startsOn(slots({ interviewers: [early], now: '2026-03-07T00:00:00Z' }), '2026-03-08', 'America/New_York');
    expect(day).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:15:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-03-08T07:45:00.000Z',
      '2026-03-08T08:00:00.000Z',
    ]);
  });

  it('New York fall-back: a repeated 01:xx wall time is offered once, at its first (EDT) occurrence', () => {
    const night = availability({ timezone: 'America/New_York', weekly: everyDay({ start: '00:00', end: '03:00' }) });
    const day = startsOn(slots({ interviewers: [night], now: '2026-10-31T00:00:00Z' }), '2026-11-01', 'America/New_York');
    expect(day).toContain('2026-11-01T05:00:00.000Z');
    expect(day).toContain('2026-11-01T05:45:00.000Z');
    expect(day.filter((iso) => iso.startsWith('2026-11-01T06:'))).toEqual([]);
    expect(day.at(-1)).toBe('2026-11-01T07:00:00.000Z');
  });

  it('London fall-back: working hours from the ambiguous 01:00 start at 00:00Z (BST) and run to 03:00 GMT', () => {
    const night = availability({ timezone: 'Europe/London', weekly: everyDay({ start: '01:00', end: '03:00' }) });
    const day = startsOn(slots({ interviewers: [night], now: '2026-10-24T00:00:00Z' }), '2026-10-25', 'Europe/London');
    expect(day[0]).toBe('2026-10-25T00:00:00.000Z');
    expect(day.at(-1)).toBe('2026-10-25T02:00:00.000Z');
    expect(day.filter((iso) => iso.startsWith('2026-10-25T01:'))).toEqual([]);
  });

  it('Asia/Kolkata 09:00 IST is 03:30Z on every date, DST weekends included', () => {
    const kolkata = availability({ timezone: 'Asia/Kolkata' });
    for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      const all = slots({ interviewers: [kolkata], now: `${date}T00:00:00Z`, rules: { horizonDays: 1 } });
      const day = startsOn(all, date, 'Asia/Kolkata');
      expect(day[0]).toBe(`${date}T03:30:00.000Z`);
      expect(day.at(-1)).toBe(`${date}T10:30:00.000Z`);
    }
  });

  it('slot starts sit on the step grid counted from the start of the working range', () => {
    const odd = availability({ weekly: everyDay({ start: '09:10', end: '11:00' }) });
    const day = startsOn(slots({ interviewers: [odd], now: '2026-06-01T00:00:00Z', rules: { durationMinutes: 30 } }), '2026-06-01');
    expect(day.map((iso) => iso.slice(11, 16))).toEqual(['09:10', '09:25', '09:40', '09:55', '10:10', '10:25']);
  });
});

describe('generateSlots where working time runs on past a range', () => {
  const monday = (ranges: TimeRange[]) => ({ weekday: 1 as const, ranges });
  const tuesday = (ranges: TimeRange[]) => ({ weekday: 2 as const, ranges });
  const hhmm = (all: Slot[]) => all.map((slot) => slot.start.toISOString().slice(5, 16));

  it("runs past midnight into the next day's hours: 20:00-24:00 Monday and 00:00-02:00 Tuesday offer 23:30-00:30", () => {
    const late = availability({ weekly: [monday([{ start: '20:00', end: '24:00' }]), tuesday([{ start: '00:00', end: '02:00' }])] });
    const all = slots({ interviewers: [late], now: '2026-05-31T00:00:00Z', rules: { horizonDays: 3 } });
    expect(startsOn(all, '2026-06-01').slice(-3)).toEqual(['2026-06-01T23:15:00.000Z', '2026-06-01T23:30:00.000Z', '2026-06-01T23:45:00.000Z']);
    expect(startsOn(all, '2026-06-01')).toHaveLength(16);
    expect(startsOn(all, '2026-06-02')).toHaveLength(5);
    // Booking asks about one start in a narrow window, and gets the same answer.
    const start = at('2026-06-01T23:30:00Z');
    const narrow = generateSlots({
      interviewers: [late],
      booked: [],
      now: at('2026-05-31T00:00:00Z'),
      rules: { ...DEFAULT_SLOT_RULES, durationMinutes: 60, minNoticeMinutes: 0 },
      within: { from: start, to: new Date(start.getTime() + 1) },
    });
    expect(hhmm(narrow)).toEqual(['06-01T23:30']);
  });

  it('stops at midnight when the next day has no hours from 00:00: none that day, a later start, or a day off', () => {
    for (const next of [[], [{ start: '00:30', end: '02:00' }]]) {
      const late = availability({ weekly: [monday([{ start: '20:00', end: '24:00' }]), tuesday(next)] });
      const all = slots({ interviewers: [late], now: '2026-05-31T00:00:00Z', rules: { horizonDays: 3 } });
      expect(startsOn(all, '2026-06-01').at(-1), JSON.stringify(next)).toBe('2026-06-01T23:00:00.000Z');
    }
    const dayOff = availability({
      weekly: [monday([{ start: '20:00', end: '24:00' }]), tuesday([{ start: '00:00', end: '02:00' }])],
      overrides: [{ date: '2026-06-02', ranges: [] }],
    });
    const all = slots({ interviewers: [dayOff], now: '2026-05-31T00:00:00Z', rules: { horizonDays: 3 } });
    expect(startsOn(all, '2026-06-01').at(-1)).toBe('2026-06-01T23:00:00.000Z');
    expect(startsOn(all, '2026-06-02')).toEqual([]);
  });

  it('around the clock every day is one stretch: a start every step through each midnight, none missing', () => {
    const always = availability({ weekly: everyDay({ start: '00:00', end: '24:00' }) });
    const all = slots({ interviewers: [always], now: '2026-06-01T00:00:00Z', rules: { horizonDays: 2 } });
    expect(all).toHaveLength(2 * 96);
    expect(all.every((slot, i) => i === 0 || slot.start.getTime() - all[i - 1]!.start.getTime() === 15 * MINUTE)).toBe(true);
    expect(hhmm(all).at(-1)).toBe('06-02T23:45');
  });

  it('ranges that meet or overlap within a day are one stretch: 09:00-12:00 and 12:00-17:00 offer what 09:00-17:00 does', () => {
    const now = '2026-06-01T00:00:00Z';
    const split = slots({ interviewers: [availability({ weekly: everyDay({ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:00' }) })], now });
    const whole = slots({ interviewers: [availability()], now });
    expect(hhmm(split)).toEqual(hhmm(whole));
    const overlapping = slots({ interviewers: [availability({ weekly: everyDay({ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }) })], now });
    expect(startsOn(overlapping, '2026-06-01')).toContain('2026-06-01T11:45:00.000Z');
  });

  it('Santiago springs forward at midnight: Saturday 23:30 runs on into Sunday 01:30, an hour of wall time later', () => {
    const night = availability({ timezone: 'America/Santiago', weekly: everyDay({ start: '22:00', end: '24:00' }, { start: '00:00', end: '03:00' }) });
    const all = slots({ interviewers: [night], now: '2026-09-04T00:00:00Z', rules: { horizonDays: 3 } });
    const saturday = startsOn(all, '2026-09-05', 'America/Santiago');
    // Saturday evening (22:00 is 02:00Z): every start to 23:45, the last two ending after the jump.
    expect(saturday.filter((iso) => iso >= '2026-09-06T02:00')).toHaveLength(8);
    expect(saturday.slice(-2)).toEqual(['2026-09-06T03:30:00.000Z', '2026-09-06T03:45:00.000Z']);
    // Sunday's hours from the skipped 00:00 begin when the clock reaches 01:00 (04:00Z).
    expect(startsOn(all, '2026-09-06', 'America/Santiago')[0]).toBe('2026-09-06T04:00:00.000Z');
  });

  it('Santiago falls back at midnight: the repeated Saturday 23:xx is offered once, and Sunday starts at its 00:00', () => {
    const night = availability({ timezone: 'America/Santiago', weekly: everyDay({ start: '22:00', end: '24:00' }, { start: '00:00', end: '03:00' }) });
    const all = slots({ interviewers: [night], now: '2026-04-03T00:00:00Z', rules: { horizonDays: 3 } });
    const saturday = startsOn(all, '2026-04-04', 'America/Santiago');
    expect(saturday.at(-1)).toBe('2026-04-05T02:45:00.000Z');
    expect(saturday.filter((iso) => iso.startsWith('2026-04-05T03:'))).toEqual([]);
    expect(startsOn(all, '2026-04-05', 'America/Santiago')[0]).toBe('2026-04-05T04:00:00.000Z');
  });
});

describe('generateSlots within a narrower window', () => {
  it('a window around one start answers for that start exactly as the whole horizon does, across a DST change', () => {
    const london = availability({ timezone: 'Europe/London', weekly: everyDay({ start: '09:10', end: '17:00' }) });
    const rules = { ...DEFAULT_SLOT_RULES, durationMinutes: 30, minNoticeMinutes: 0, stepMinutes: 15 };
    const now = at('2026-03-27T00:00:00Z');
    const whole = generateSlots({ interviewers: [london], booked: [], rules, now });
    for (const probe of ['2026-03-29T08:10:00Z', '2026-03-29T08:20:00Z', '2026-03-30T15:55:00Z', '2026-03-27T00:00:00Z']) {
      const start = at(probe);
      const within = { from: start, to: new Date(start.getTime() + 1) };
      const narrow = generateSlots({ interviewers: [london], booked: [], rules, now, within });
      expect(narrow, probe).toEqual(whole.filter((slot) => slot.start.getTime() === start.getTime()));
    }
  });
});

describe('generateSlots with bookings and buffers', () => {
  const now = '2026-06-01T00:00:00Z';

  it('a booking plus both buffers blocks the adjacent slots and no more', () => {
    const ann = availability({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
    const booked = [{ interviewerId: 'ann', start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z') }];
    const day = startsOn(slots({ interviewers: [ann], booked, now, rules: { durationMinutes: 30 } }), '2026-06-01');
    const times = day.map((iso) => iso.slice(11, 16));
    expect(times).toContain('09:00');
    expect(times).toContain('11:30');
    for (const blocked of ['09:15', '09:30', '09:45', '10:00', '10:30', '11:00', '11:15']) {
      expect(times).not.toContain(blocked);
    }
  });

  it("bookings of interviewer A do not block interviewer B, and a pool slot lists only the free interviewers", () => {
    const pool = [availability({ interviewerId: 'ann' }), availability({ interviewerId: 'bob' })];
    const booked = [{ interviewerId: 'ann', start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z') }];
    const all = slots({ interviewers: pool, booked, now });
    const idsAt = (iso: string) => all.find((s) => s.start.toISOString() === iso)?.interviewerIds;
    expect(idsAt('2026-06-01T10:00:00.000Z')).toEqual(['bob']);
    expect(idsAt('2026-06-01T09:00:00.000Z')).toEqual(['ann', 'bob']);
    expect(idsAt('2026-06-01T11:00:00.000Z')).toEqual(['ann', 'bob']);
  });

  it('a pool in different zones gives one sorted entry per distinct start', () => {
    const pool = [availability({ interviewerId: 'ann' }), availability({ interviewerId: 'raj', timezone: 'Asia/Kolkata' })];
    const all = slots({ interviewers: pool, now, rules: { horizonDays: 3 } });
    const starts = all.map((s) => s.start.getTime());
    expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
    expect(all.find((s) => s.start.toISOString() === '2026-06-01T09:00:00.000Z')?.interviewerIds).toEqual(['ann', 'raj']);
    expect(all.find((s) => s.start.toISOString() === '2026-06-01T03:30:00.000Z')?.interviewerIds).toEqual(['raj']);
    expect(all.every((s) => s.end.getTime() - s.start.getTime() === 60 * MINUTE)).toBe(true);
  });

  it('no offered slot claims a cell that an existing booking of the same interviewer holds', () => {
    const ann = availability({ bufferBeforeMinutes: 10, bufferAfterMinutes: 20 });
    const booked = ['09:30', '12:15', '15:00'].map((t) => ({
      interviewerId: 'ann',
      start: at(`2026-06-01T${t}:00Z`),
      end: new Date(at(`2026-06-01T${t}:00Z`).getTime() + 45 * MINUTE),
    }));
    const cellsOf = (start: Date, end: Date) =>
      claimCells({ start, end, bufferBeforeMinutes: 10, bufferAfterMinutes: 20 });
    const held = new Set(booked.flatMap((b) => cellsOf(b.start, b.end)));
    const offered = slots({ interviewers: [ann], booked, now, rules: { durationMinutes: 45, horizonDays: 1 } });
    expect(offered.length).toBeGreaterThan(0);
    for (const slot of offered) expect(cellsOf(slot.start, slot.end).some((c) => held.has(c))).toBe(false);
  });
});

describe("generateSlots with an interview kind's buffers (docs/adr/0066)", () => {
  const now = '2026-06-01T00:00:00Z';
  const times = (all: Slot[]) => startsOn(all, '2026-06-01').map((iso) => iso.slice(11, 16));
  const tenAtTen = { interviewerId: 'ann', start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z') };

  it("a kind's wider buffer keeps the member's free time around the new interview; a narrower one leaves theirs", () => {
    const ann = availability({ bufferBeforeMinutes: 10, bufferAfterMinutes: 10 });
    // Own 10 before the new slot + the booking's own 10 after it: 11:15 is the first start after.
    expect(times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30 } }))).toContain('11:30');
    const wide = times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30, bufferBeforeMinutes: 30, bufferAfterMinutes: 45 } }));
    // Before the new slot 30 (the kind's), after the booking its own 10: 11:40, so 11:45 on the grid.
    expect(wide).not.toContain('11:30');
    expect(wide).toContain('11:45');
    // After the new slot 45 (the kind's), before the booking its own 10: a 30-minute slot would have
    // to start by 08:35, before the day opens; with the member's own buffers 09:00 is offered.
    expect(wide.filter((t) => t < '10:00')).toEqual([]);
    expect(times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30 } }))).toContain('09:00');
    const narrow = times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30, bufferBeforeMinutes: 5, bufferAfterMinutes: 5 } }));
    expect(narrow).toEqual(times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30 } })));
  });

  it('a booking claimed with a wider buffer keeps it for every later slot, whatever their own kind', () => {
    const ann = availability();
    const writeUp = { ...tenAtTen, bufferBeforeMinutes: 0, bufferAfterMinutes: 30 };
    const after = times(slots({ interviewers: [ann], booked: [writeUp], now, rules: { durationMinutes: 30 } }));
    expect(after).not.toContain('11:00');
    expect(after).not.toContain('11:15');
    expect(after).toContain('11:30');
    // The same booking without the buffers it was claimed with (claimed before they were kept): the interviewer's own.
    expect(times(slots({ interviewers: [ann], booked: [tenAtTen], now, rules: { durationMinutes: 30 } }))).toContain('11:00');
  });

  it('no offered slot claims a cell that a booking holds, each with its own buffers', () => {
    const ann = availability({ bufferBeforeMinutes: 5, bufferAfterMinutes: 5 });
    const rules = { durationMinutes: 45, horizonDays: 1, bufferBeforeMinutes: 15, bufferAfterMinutes: 25 };
    const booked = ['09:30', '12:15', '15:00'].map((t, i) => ({
      interviewerId: 'ann',
      start: at(`2026-06-01T${t}:00Z`),
      end: new Date(at(`2026-06-01T${t}:00Z`).getTime() + 45 * MINUTE),
      bufferBeforeMinutes: [5, 20, 40][i] ?? 5,
      bufferAfterMinutes: [30, 5, 10][i] ?? 5,
    }));
    const held = new Set(booked.flatMap((b) => claimCells(b)));
    const offered = slots({ interviewers: [ann], booked, now, rules });
    expect(offered.length).toBeGreaterThan(0);
    for (const slot of offered) expect(claimCells({ start: slot.start, end: slot.end, bufferBeforeMinutes: 15, bufferAfterMinutes: 25 }).some((c) => held.has(c))).toBe(false);
  });
});

describe('generateSlots rules: notice, horizon, time off, overrides, daily limit', () => {
  it('offers nothing earlier than now plus the minimum notice, and a start exactly at it', () => {
    const ann = availability();
    const defaults = slots({ interviewers: [ann], now: '2026-06-01T08:00:00Z', rules: { minNoticeMinutes: 12 * 60 } });
    expect(defaults[0]?.start.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    const exact = slots({ interviewers: [ann], now: '2026-06-01T00:00:00Z', rules: { minNoticeMinutes: 9 * 60 } });
    expect(exact[0]?.start.toISOString()).toBe('2026-06-01T09:00:00.000Z');
  });

  it('offers nothing at or after now plus the horizon', () => {
    const all = slots({ interviewers: [availability()], now: '2026-06-01T09:00:00Z', rules: { horizonDays: 2 } });
    expect(all.at(-1)?.start.toISOString()).toBe('2026-06-02T16:00:00.000Z');
    expect(DEFAULT_SLOT_RULES).toEqual({ stepMinutes: 15, minNoticeMinutes: 720, horizonDays: 21 });
  });

  it('time off blocks every slot that overlaps it, including the slot buffers', () => {
    const timeOff = [{ start: at('2026-06-01T12:00:00Z'), end: at('2026-06-01T14:00:00Z') }];
    const plain = startsOn(slots({ interviewers: [availability({ timeOff })], now: '2026-06-01T00:00:00Z' }), '2026-06-01');
    const times = plain.map((iso) => iso.slice(11, 16));
    expect(times).toContain('11:00');
    expect(times).toContain('14:00');
    expect(times.filter((t) => t > '11:00' && t < '14:00')).toEqual([]);
    const buffered = availability({ timeOff, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
    const withBuffers = startsOn(slots({ interviewers: [buffered], now: '2026-06-01T00:00:00Z' }), '2026-06-01');
    expect(withBuffers.map((iso) => iso.slice(11, 16))).not.toContain('11:00');
    expect(withBuffers.map((iso) => iso.slice(11, 16))).toContain('10:45');
  });

  it('a date override replaces the weekly hours for that date only', () => {
    const ann = availability({ overrides: [{ date: '2026-06-02', ranges: [{ start: '13:00', end: '15:00' }] }] });
    const all = slots({ interviewers: [ann], now: '2026-06-01T00:00:00Z', rules: { horizonDays: 3 } });
    expect(startsOn(all, '2026-06-02')).toEqual([
      '2026-06-02T13:00:00.000Z',
      '2026-06-02T13:15:00.000Z',
      '2026-06-02T13:30:00.000Z',
      '2026-06-02T13:45:00.000Z',
      '2026-06-02T14:00:00.000Z',
    ]);
    expect(startsOn(all, '2026-06-03')[0]).toBe('2026-06-03T09:00:00.000Z');
  });

  it('a date override without ranges is a day off, even on a working weekday', () => {
    const ann = availability({ overrides: [{ date: '2026-06-02', ranges: [] }] });
    const all = slots({ interviewers: [ann], now: '2026-06-01T00:00:00Z', rules: { horizonDays: 3 } });
    expect(startsOn(all, '2026-06-02')).toEqual([]);
    expect(startsOn(all, '2026-06-01')).not.toEqual([]);
  });

  it('only the weekdays with weekly hours are offered', () => {
    const weekdays = availability({ weekly: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })) });
    const all = slots({ interviewers: [weekdays], now: '2026-06-01T00:00:00Z', rules: { horizonDays: 7 } });
    expect(new Set(all.map((s) => s.start.getUTCDay()))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('an interviewer at maxPerDay bookings on a local date gets no more slots that date', () => {
    const ann = availability({ maxPerDay: 2 });
    const booked = ['09:00', '11:00'].map((t) => ({
      interviewerId: 'ann',
      start: at(`2026-06-02T${t}:00Z`),
      end: at(`2026-06-02T${t.replace(':00', ':30')}:00Z`),
    }));
    const all = slots({ interviewers: [ann], booked, now: '2026-06-01T00:00:00Z', rules: { horizonDays: 3 } });
    expect(startsOn(all, '2026-06-02')).toEqual([]);
    expect(startsOn(all, '2026-06-03')).not.toEqual([]);
  });

  it("maxPerDay counts bookings by the interviewer's local date, not the UTC date", () => {
    const nyc = availability({ timezone: 'America/New_York', maxPerDay: 1, weekly: everyDay({ start: '09:00', end: '22:00' }) });
    // 01:00Z on 3 June is 21:00 on 2 June in New York.
    const booked = [{ interviewerId: 'ann', start: at('2026-06-03T01:00:00Z'), end: at('2026-06-03T01:30:00Z') }];
    const all = slots({ interviewers: [nyc], booked, now: '2026-06-01T00:00:00Z', rules: { horizonDays: 4 } });
    expect(startsOn(all, '2026-06-02', 'America/New_York')).toEqual([]);
    expect(startsOn(all, '2026-06-03', 'America/New_York')).not.toEqual([]);
  });

  it('rejects an unknown timezone, a malformed wall time and a non-positive duration with BAD_INPUT', () => {
    const now = '2026-06-01T00:00:00Z';
    const badInput = expect.objectContaining({ code: 'BAD_INPUT' });
    expect(() => slots({ interviewers: [availability({ timezone: 'Mars/Olympus' })], now })).toThrow(DomainError);
    expect(() => slots({ interviewers: [availability({ weekly: everyDay({ start: '9am', end: '17:00' }) })], now })).toThrow(badInput);
    expect(() => slots({ interviewers: [availability({ weekly: everyDay({ start: '17:00', end: '09:00' }) })], now })).toThrow(badInput);
    expect(() => slots({ interviewers: [availability()], now, rules: { durationMinutes: 0 } })).toThrow(badInput);
    expect(() => slots({ interviewers: [availability()], now, rules: { durationMinutes: 0.5 / 60 } })).toThrow(badInput);
    expect(() => slots({ interviewers: [availability()], now, rules: { stepMinutes: 1.5 / 60 } })).toThrow(badInput);
  });

  it('offers a grid of whole seconds when the step and duration are given in seconds, without drifting off it', () => {
    const now = '2026-06-01T09:00:00Z';
    const offered = slots({ interviewers: [availability()], now, rules: { stepMinutes: 10 / 60, durationMinutes: 20 / 60, horizonDays: 1 } });
    expect(offered.slice(0, 3).map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-06-01T09:00:00.000Z', '2026-06-01T09:00:20.000Z'],
      ['2026-06-01T09:00:10.000Z', '2026-06-01T09:00:30.000Z'],
      ['2026-06-01T09:00:20.000Z', '2026-06-01T09:00:40.000Z'],
    ]);
    // 09:00 to 17:00 on a 10-second grid, the last start 20 s before the end: every start on the grid.
    const today = offered.filter((s) => localDay(s.start, 'UTC') === '2026-06-01');
    expect(today).toHaveLength(8 * 360 - 1);
    expect(today.at(-1)?.start.toISOString()).toBe('2026-06-01T16:59:40.000Z');
    expect(today.every((s) => s.start.getTime() % 10_000 === 0)).toBe(true);
  });
});

/** Deterministic PRNG so a failing pair can be reproduced. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('claimCells', () => {
  const base = at('2026-06-01T00:00:00Z').getTime();

  it('covers [start - bufferBefore, end + bufferAfter) in 5-minute cells by default', () => {
    const cells = claimCells({ start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z'), bufferBeforeMinutes: 10, bufferAfterMinutes: 5 });
    expect(cells).toHaveLength(15);
    expect(cells[0]).toBe((base / MINUTE + 9 * 60 + 50) / 5);
    expect(cells.every((c, i) => i === 0 || c === (cells[i - 1] ?? NaN) + 1)).toBe(true);
  });

  it('floors the first cell and ceils the last when the span is off the cell grid', () => {
    const cells = claimCells({ start: at('2026-06-01T10:02:00Z'), end: at('2026-06-01T10:08:00Z'), bufferBeforeMinutes: 0, bufferAfterMinutes: 0, cellMinutes: 5 });
    expect(cells).toEqual([(base / MINUTE + 600) / 5, (base / MINUTE + 605) / 5]);
  });

  it('bookings that merely touch with zero buffers share no cell', () => {
    const first = claimCells({ start: at('2026-06-01T10:00:00Z'), end: at('2026-06-01T11:00:00Z'), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 });
    const second = claimCells({ start: at('2026-06-01T11:00:00Z'), end: at('2026-06-01T12:00:00Z'), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 });
    expect(first.filter((c) => second.includes(c))).toEqual([]);
  });

  function randomPairs(seed: number, unitMinutes: number, count: number) {
    const random = mulberry32(seed);
    const pick = (max: number) => Math.floor(random() * (max + 1)) * unitMinutes;
    return Array.from({ length: count }, () =>
      [0, 1].map(() => {
        const startMinute = pick(96);
        return {
          start: new Date(base + startMinute * MINUTE),
          end: new Date(base + (startMinute + unitMinutes + pick(24)) * MINUTE),
          bufferBeforeMinutes: pick(6),
          bufferAfterMinutes: pick(6),
        };
      }),
    );
  }

  function overlapWithBuffers(a: Parameters<typeof claimCells>[0], b: Parameters<typeof claimCells>[0]): boolean {
    const span = (x: typeof a) => [x.start.getTime() - x.bufferBeforeMinutes * MINUTE, x.end.getTime() + x.bufferAfterMinutes * MINUTE];
    const [aFrom = 0, aTo = 0] = span(a);
    const [bFrom = 0, bTo = 0] = span(b);
    return aFrom < bTo && bFrom < aTo;
  }

  function shareCell(a: Parameters<typeof claimCells>[0], b: Parameters<typeof claimCells>[0]): boolean {
    const cellsOfB = new Set(claimCells(b));
    return claimCells(a).some((cell) => cellsOfB.has(cell));
  }

  it('on the cell grid, two bookings overlap including buffers exactly when they share a cell', () => {
    const pairs = randomPairs(42, 5, 3000);
    const mismatches = pairs.filter(([a, b]) => a && b && shareCell(a, b) !== overlapWithBuffers(a, b));
    const overlapping = pairs.filter(([a, b]) => a && b && overlapWithBuffers(a, b)).length;
    expect(mismatches).toEqual([]);
    expect(overlapping).toBeGreaterThan(300);
    expect(overlapping).toBeLessThan(2700);
  });

  it('off the cell grid, two bookings that overlap including buffers still always share a cell', () => {
    const pairs = randomPairs(7, 1, 3000);
    expect(pairs.filter(([a, b]) => a && b && overlapWithBuffers(a, b) && !shareCell(a, b))).toEqual([]);
  });

  it('rejects a booking that does not end after it starts', () => {
    const start = at('2026-06-01T10:00:00Z');
    expect(() => claimCells({ start, end: start, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })).toThrow(DomainError);
  });
});

describe('zone helpers', () => {
  it("localDay gives the instant's calendar date in the zone", () => {
    const instant = at('2026-06-02T23:30:00Z');
    expect(localDay(instant, 'Asia/Kolkata')).toBe('2026-06-03');
    expect(localDay(instant, 'America/New_York')).toBe('2026-06-02');
    expect(localDay(instant, 'UTC')).toBe('2026-06-02');
  });

  it('isValidTimezone accepts IANA names and refuses unknown or empty ones', () => {
    expect(isValidTimezone('Europe/London')).toBe(true);
    expect(isValidTimezone('Asia/Kolkata')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });

  it('formatInZone labels the local time with the zone abbreviation, or the offset when there is none', () => {
    expect(formatInZone(at('2026-03-30T08:00:00Z'), 'Europe/London')).toBe('Mon 30 Mar 2026, 09:00 BST');
    expect(formatInZone(at('2026-01-05T09:00:00Z'), 'Europe/London')).toBe('Mon 5 Jan 2026, 09:00 GMT');
    expect(formatInZone(at('2026-03-30T13:00:00Z'), 'America/New_York')).toBe('Mon 30 Mar 2026, 09:00 EDT');
    expect(formatInZone(at('2026-03-30T03:30:00Z'), 'Asia/Kolkata')).toBe('Mon 30 Mar 2026, 09:00 GMT+5:30');
  });

  it('the windowed zone clock agrees with Intl at every minute around each 2026 offset change', () => {
    const around = (iso: string) => [at(iso).getTime() - 3 * 60 * MINUTE, at(iso).getTime() + 3 * 60 * MINUTE] as const;
    const changes: Record<string, string[]> = {
      'Europe/London': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
      'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
      // Half-hour DST shifts.
      'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
      'Asia/Kolkata': ['2026-03-29T01:00:00Z'],
    };
    for (const [timezone, instants] of Object.entries(changes)) {
      const zone = IANAZone.create(timezone);
      const exact = zoneClock(zone);
      const windowed = windowedZoneClock(zone, at('2026-01-01T00:00:00Z').getTime(), at('2027-01-01T00:00:00Z').getTime());
      for (const instant of instants) {
        const [from, to] = around(instant);
        for (let t = from; t <= to; t += MINUTE) {
          if (windowed.offsetMs(t) !== exact.offsetMs(t)) throw new Error(`${timezone} differs at ${new Date(t).toISOString()}`);
        }
      }
    }
  });
});
