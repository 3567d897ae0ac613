/** The shapes slot maths works on. Wall-clock values are in the interviewer's own zone. */

/** 'HH:mm' wall-clock times; `end` may be '24:00' for a range that runs to midnight. */
export interface TimeRange {
  start: string;
  end: string;
}

/** ISO weekday, Monday = 1. */
export interface WeeklyHours {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  ranges: TimeRange[];
}

/** Replaces the weekly hours for one local date; no ranges means a day off. */
export interface DateOverride {
  /** YYYY-MM-DD in the interviewer's zone. */
  date: string;
  ranges: TimeRange[];
}

export interface TimeOff {
  start: Date;
  end: Date;
}

export interface InterviewerAvailability {
  interviewerId: string;
  /** IANA zone name. */
  timezone: string;
  weekly: WeeklyHours[];
  overrides: DateOverride[];
  timeOff: TimeOff[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  maxPerDay: number;
}

/** An existing booking, without buffers. */
export interface Booked {
  interviewerId: string;
  start: Date;
  end: Date;
  /**
   * The buffers the booking was claimed with (its kind's may be wider than the interviewer's own,
   * docs/adr/0066); absent on bookings claimed before they were kept: the interviewer's.
   */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
}

export interface SlotRules {
  /** Whole seconds, written in minutes: 10/60 is a ten-second slot (tests and demos). */
  durationMinutes: number;
  /** Whole seconds, written in minutes, like the duration. */
  stepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** The interview's kind's buffers (docs/adr/0066): each member keeps the larger of these and their own. */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
}

/** One bookable start, with every interviewer of the pool who is free for it. */
export interface Slot {
  start: Date;
  end: Date;
  interviewerIds: string[];
}
