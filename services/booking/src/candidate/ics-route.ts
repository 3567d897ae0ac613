import { isNamedTeam, teamCard } from '@portal/db/teams';
import { teamOf } from '@portal/db/team-scope';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorCode } from '@portal/shared/errors';
import { buildInterviewIcs } from '@portal/shared/ics';
import { hasControlCharacters } from '@portal/shared/text';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { DEFAULT_LOCALE } from '@portal/shared/i18n/locales';
import type { InterviewDocument } from '@portal/db/documents';
import { readInterviewers } from '@portal/db/interviewers';
import type { Person } from '@portal/shared/email';
import { interviewForCandidate } from './candidate-access';
import type { Deps } from '../http/context';
import { internalProblem } from '../http/http-errors';
import { storeRefusal } from '../http/store-errors';

/** The path the candidate's page links to; the token is the same one the page was opened with. */
export function icsPath(token: string): string {
  return `/api/ics/${encodeURIComponent(token)}`;
}

const HTTP_STATUS: Partial<Record<DomainErrorCode, number>> = {
  BAD_INPUT: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  LINK_INVALID: 401,
  LINK_EXPIRED: 401,
  LINK_SUPERSEDED: 403,
  LINK_ERASED: 410,
  UNAVAILABLE: 503,
};

function calendarText(interview: InterviewDocument, panel: Person[], deps: Deps, token: string, teamName: string | undefined): string {
  const { env } = deps;
  const slot = interview.slot;
  if (interview.status !== 'SCHEDULED' || slot === null) {
    throw new DomainError('NOT_FOUND', 'This interview has no booked time to add to a calendar.');
  }
  return buildInterviewIcs({
    method: 'REQUEST',
    // The same event as the emailed invitations: same UID, SEQUENCE, ORGANIZER (HR) and ATTENDEEs.
    facts: {
      interviewId: interview._id,
      candidateName: interview.candidateName,
      candidateEmail: interview.candidateEmail,
      candidateTimezone: interview.candidateTimezone,
      position: interview.position,
      kindLabel: kindLabelOf(interview),
      attempt: interview.attempt,
      link: `${env.PUBLIC_WEB_URL}/b/${token}`,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      meetingUrl: interview.meetingUrl ?? undefined,
      // The version the workflow persisted is the SEQUENCE the emailed invite carried.
      calendarSequence: interview.version,
      hrEmail: env.HR_CONTACT_EMAIL,
      panel,
    },
    locale: interview.locale ?? DEFAULT_LOCALE,
    kind: interview.kind,
    kindTitles: interview.kindTitles,
    teamName,
  });
}

/** `GET /api/ics/:token`: the booked interview as a METHOD:REQUEST calendar file, under the candidate link's checks. */
export function icsDownload(deps: Deps, log: Logger): RequestHandler<{ token: string }> {
  return async (req, res) => {
    const { token } = req.params;
    try {
      if (token.length < 10 || token.length > 4096 || hasControlCharacters(token)) throw new DomainError('BAD_INPUT', 'This link is not valid.');
      const interview = await interviewForCandidate(deps, req.ip ?? req.socket.remoteAddress ?? 'unknown', token);
      const [members, team] = await Promise.all([readInterviewers(deps.db, interview.slot?.interviewerIds ?? []), teamCard(deps.db, teamOf(interview))]);
      const panel = members.map((doc) => ({ name: doc.name, email: doc.email, timezone: doc.timezone }));
      const text = calendarText(interview, panel, deps, token, isNamedTeam(team) ? team.name : undefined);
      res
        .status(200)
        .set({
          'content-type': 'text/calendar; charset=utf-8; method=REQUEST',
          'content-disposition': 'attachment; filename="interview.ics"',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .send(text);
    } catch (error) {
      const refusal = error instanceof DomainError ? error : storeRefusal(error);
      const status = refusal === null ? undefined : HTTP_STATUS[refusal.code];
      if (refusal !== null && status !== undefined) {
        res.status(status).type('text/plain').send(refusal.message);
        return;
      }
      res.status(500).type('text/plain').send(internalProblem(log, error, { path: 'ics' }).message);
    }
  };
}
