import { z } from 'zod';
import { interviewerId } from './ids';
import { tokenInput } from './schemas';

/** The providers an interviewer can grant their own calendar to the portal on (docs/adr/0061). */
export const OWN_GRANT_PROVIDERS = ['google', 'microsoft'] as const;
export type OwnGrantProvider = (typeof OWN_GRANT_PROVIDERS)[number];

/** Where each provider sends the interviewer back after the sign-in (the booking service, behind the web address). */
export const calendarGrantCallbackPath = (provider: OwnGrantProvider) => `/api/calendar-grants/${provider}/callback`;

/** HR starts an interviewer's own grant from the interviewer's page. */
export const calendarGrantStartInput = z.object({ interviewerId, provider: z.enum(OWN_GRANT_PROVIDERS) });

/** An interviewer starts their own grant from their own (Accept/Decline) link. */
export const interviewerCalendarGrantInput = tokenInput.extend({ provider: z.enum(OWN_GRANT_PROVIDERS) });

/**
 * How a sign-in ended, as the callback tells HR's page (`?calendarGrant=`) and the interviewer's
 * answer page: connected, or why nothing changed.
 */
export const CALENDAR_GRANT_OUTCOMES = ['connected', 'CONSENT_DENIED', 'STATE_INVALID', 'STATE_USED', 'STATE_EXPIRED', 'GRANT_REFUSED', 'PROVIDER_UNREACHABLE'] as const;
export type CalendarGrantOutcome = (typeof CALENDAR_GRANT_OUTCOMES)[number];
