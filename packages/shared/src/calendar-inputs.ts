import { z } from 'zod';
import { interviewerId } from './ids';
import { lineText, multilineText, screened, secretText } from './text';

/** Where the booking service receives Google Calendar's push messages (events watch channels). */
export const GOOGLE_PUSH_PATH = '/api/calendar-push/google';

/** Where the booking service receives Microsoft Graph's change notifications (and the subscription handshake). */
export const MICROSOFT_PUSH_PATH = '/api/calendar-push/microsoft';

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

/** The calendar providers an interviewer's connection can name; `none` is no calendar. */
export const CALENDAR_PROVIDER_CHOICES = ['google', 'microsoft', 'caldav', 'none'] as const;
export type CalendarProviderChoice = (typeof CALENDAR_PROVIDER_CHOICES)[number];

/**
 * Which calendar an interviewer's busy times come from, as the REST API sets it: `google` or
 * `microsoft` through the organisation's connection to that provider, `none` to disconnect; `caldav` keeps a CalDAV calendar connected
 * in the console (its server and app password are entered there).
 */
export const interviewerCalendarInput = z.object({ provider: z.enum(CALENDAR_PROVIDER_CHOICES) });

/**
 * The organisation's Google connection: a service account's key file (its JSON, as Google Cloud
 * downloads it) and an address in the Workspace domain to check the delegation with.
 */
export const googleOrganisationInput = z.object({
  serviceAccountKey: multilineText(20_000, { min: 2 }),
  checkEmail: screened(z.email().max(254)),
});

export type CalendarTestInput = z.infer<typeof calendarTestInput>;
export type CalendarConnectInput = z.infer<typeof calendarConnectInput>;

/** Entra ID names a tenant by its directory id (a GUID) or one of its domains; an app by its client id (a GUID). */
const directoryId = screened(z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a directory (tenant) ID: a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47'));
const tenant = screened(
  z
    .string()
    .trim()
    .max(253)
    .regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{4,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i, 'a directory (tenant) ID, or one of its domains such as contoso.onmicrosoft.com'),
);

/**
 * The organisation's Microsoft 365 connection: an Entra ID app registration (tenant, client id and
 * a client secret's value) with `Calendars.ReadWrite` as an application permission, and an address
 * in the tenant to check it with before anything is stored.
 */
export const microsoftOrganisationInput = z.object({
  tenantId: tenant,
  clientId: directoryId,
  clientSecret: secretText(2_000),
  checkEmail: screened(z.email().max(254)),
});

export type MicrosoftOrganisationInput = z.infer<typeof microsoftOrganisationInput>;
