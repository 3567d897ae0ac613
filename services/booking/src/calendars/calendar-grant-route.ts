import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { OWN_GRANT_PROVIDERS, type CalendarGrantOutcome, type OwnGrantProvider } from '@portal/shared/calendar-grant-inputs';
import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, textDirection, type Locale } from '@portal/shared/i18n/locales';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import type { Deps } from '../http/context';
import { finishCalendarGrant, INTERVIEWER_STARTED } from './calendar-grants';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The callback's own page, in the interviewer's language: the one their link started it in, else their browser's. */
function page(outcome: CalendarGrantOutcome, locale: Locale): string {
  const t = translatorFor(locale);
  const title = escape(t(outcome === 'connected' ? 'calendarGrant.title.connected' : 'calendarGrant.title.notConnected'));
  const says = escape(t(`calendarGrant.says.${outcome}`));
  return `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main data-outcome="${outcome}"><h1>${title}</h1><p>${says}</p></main></body></html>`;
}

const browserLocale = (req: Request): Locale => {
  const accepted = req.acceptsLanguages(...SUPPORTED_LOCALES);
  return isLocale(accepted) ? accepted : DEFAULT_LOCALE;
};

const providerOf = (req: Request): OwnGrantProvider | null => OWN_GRANT_PROVIDERS.find((p) => p === req.params.provider) ?? null;

/**
 * `GET /api/calendar-grants/{provider}/callback`: where Google and Microsoft send the browser back
 * (docs/adr/0061). A sign-in HR started goes back to the interviewer's page, which says how it
 * ended (`?calendarGrant=`, in HR's language); one the interviewer started, or one whose state
 * opens nothing, gets a short page of its own (in the interview's language, else the browser's): 200 when connected, 400 (502 when the provider
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
        res.status(status).type('html').send(page(finish.outcome, finish.locale ?? browserLocale(req)));
      },
      (error: unknown) => next(error),
    );
  };
}
