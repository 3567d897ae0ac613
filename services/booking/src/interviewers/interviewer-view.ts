import type { InterviewDocument, InterviewerDocument } from '@portal/db/documents';
import { DEFAULT_LOCALE } from '@portal/shared/i18n/locales';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { EMPTY_KIT } from '@portal/shared/kits';

/** What an interviewer's own link (scorecard, answer) shows of the interview, in the interview's language. */
export function interviewerView(interview: InterviewDocument, interviewer: InterviewerDocument) {
  return {
    interviewId: interview._id,
    candidateName: interview.candidateName,
    position: interview.position,
    kind: interview.kind,
    kindLabel: kindLabelOf(interview),
    kindTitles: interview.kindTitles ?? null,
    /** The scorecard kit fixed at the invitation; no questions for an interview from before kits (docs/adr/0065). */
    kit: interview.kit ?? EMPTY_KIT,
    /** The interview's language: the interviewer's page speaks it, like every message of the interview. */
    locale: interview.locale ?? DEFAULT_LOCALE,
    start: interview.slot?.start.toISOString() ?? null,
    end: interview.slot?.end.toISOString() ?? null,
    interviewerName: interviewer.name,
    interviewerTimezone: interviewer.timezone,
  };
}
