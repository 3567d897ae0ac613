import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { OWN_GRANT_PROVIDERS, type CalendarGrantOutcome, type OwnGrantProvider } from '@portal/shared/calendar-grant-inputs';
import type { Deps } from '../http/context';
import { finishCalendarGrant, INTERVIEWER_STARTED } from './calendar-grants';

const SAYS: Record<CalendarGrantOutcome, string> = {
  connected: 'Your calendar is connected: its busy times now count when candidates book, and booked interviews appear in it. You can close this page.',
  CONSENT_DENIED: 'The calendar was not connected: access was not allowed at the sign-in. Nothing changed; start again from the link to allow it.',
  STATE_INVALID: 'This sign-in link is not one the portal started. Nothing changed; start again from the interviewer’s page or your link.',
  STATE_USED: 'This sign-in was already used. Nothing changed; start again from the interviewer’s page or your link.',
  STATE_EXPIRED: 'This sign-in took too long and expired. Nothing changed; start again from the interviewer’s page or your link.',
  GRANT_REFUSED: 'The calendar provider did not grant access to the calendar. Nothing changed; start again and allow calendar access.',
  PROVIDER_UNREACHABLE: 'The calendar provider could not be reached. Nothing changed; try again in a few minutes.',
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(outcome: CalendarGrantOutcome): string {
  const title = outcome === 'connected' ? 'Calendar connected' : 'Calendar not connected';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main data-outcome="${outcome}"><h1>${title}</h1><p>${escape(SAYS[outcome])}</p></main></body></html>`;
}

const providerOf = (req: Request): OwnGrantProvider | null => OWN_GRANT_PROVIDERS.find((p) => p === req.params.provider) ?? null;

/**
 * `GET /api/calendar-grants/{provider}/callback`: where Google and Microsoft send the browser back
 * (docs/adr/0061). A sign-in HR started goes back to the interviewer's page, which says how it
 * ended (`?calendarGrant=`, in HR's language); one the interviewer started, or one whose state
 * opens nothing, gets a short page of its own: 200 when connected, 400 (502 when the provider
 * was out of reach) with what to do otherwise. Never a 500 for what the browser brought.
 */
export function calendarGrantCallback(deps: Deps, log: Logger): RequestHandler {
  return (req, res, next) => {
    const provider = providerOf(req);
    if (provider === null) return next();
    const query = new URL(req.originalUrl, 'http://callback').searchParams;
    finishCalendarGrant(deps, provider, query).then(
      (finish) => {
        log.info({ provider, interviewerId: finish.interviewerId, outcome: finish.outcome }, 'calendar sign-in finished');
        res.set('cache-control', 'no-store');
        if (finish.interviewerId !== undefined && finish.startedBy !== undefined && finish.startedBy !== INTERVIEWER_STARTED) {
          const back = new URL(`/hr/interviewers/${encodeURIComponent(finish.interviewerId)}`, deps.env.PUBLIC_WEB_URL);
          back.searchParams.set('calendarGrant', finish.outcome);
          res.redirect(303, back.toString());
          return;
        }
        const status = finish.outcome === 'connected' ? 200 : finish.outcome === 'PROVIDER_UNREACHABLE' ? 502 : 400;
        res.status(status).type('html').send(page(finish.outcome));
      },
      (error: unknown) => next(error),
    );
  };
}
