import { z } from 'zod';
import { interviewerId } from './ids';
import { lineText, screened, secretText } from './text';

/** Where the booking service receives Google Calendar's push messages (events watch channels). */
export const GOOGLE_PUSH_PATH = '/api/calendar-push/google';

const httpUrl = screened(z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).max(500));

/** Test a CalDAV account before connecting it; without a password, the stored one is used. */
export const calendarTestInput = z.object({
  interviewerId,
  serverUrl: httpUrl,
  username: lineText(200, { min: 1 }),
  password: secretText(500).optional(),
});

/** Connect (or change) an interviewer's calendar: which one is read for busy times, which one gets booked interviews. */
export const calendarConnectInput = calendarTestInput.extend({
  readCalendarUrl: httpUrl,
  writeCalendarUrl: httpUrl,
});

export const calendarOfInterviewerInput = z.object({ interviewerId });

export type CalendarTestInput = z.infer<typeof calendarTestInput>;
export type CalendarConnectInput = z.infer<typeof calendarConnectInput>;
