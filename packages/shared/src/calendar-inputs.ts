import { z } from 'zod';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// address' })
  .max(500);

const interviewerId = z.string().min(1).max(64);

/** Test a CalDAV account before connecting it; without a password, the stored one is used. */
export const calendarTestInput = z.object({
  interviewerId,
  serverUrl: httpUrl,
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(500).optional(),
});

/** Connect (or change) an interviewer's calendar: which one is read for busy times, which one gets booked interviews. */
export const calendarConnectInput = calendarTestInput.extend({
  readCalendarUrl: httpUrl,
  writeCalendarUrl: httpUrl,
});

export const calendarOfInterviewerInput = z.object({ interviewerId });

export type CalendarTestInput = z.infer<typeof calendarTestInput>;
export type CalendarConnectInput = z.infer<typeof calendarConnectInput>;
