import type { InterviewDocument, InterviewerDocument } from '@portal/db/documents';
import type { TeamBranding } from '@portal/shared/team-inputs';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { DEFAULT_LOCALE } from '@portal/shared/i18n/locales';
import { joinRefusal, rescheduleRefusal, type ChangeFacts } from '@portal/shared/rules';
import { linkExpiresAt } from '@portal/shared/tokens';
import type { BookingEnv } from '../core/env';
import { icsPath } from './ics-route';
import { noticeOf } from '../slots/notice-rules';
import { availabilityView } from '../availability/availability';
import { waitlistView } from '../waitlist/waitlist';

/** What the candidate's page shows, derived from the persisted interview. */
export function candidateView(
  interview: InterviewDocument,
  interviewers: InterviewerDocument[],
  env: BookingEnv,
  token: string,
  nowMs: number,
  team: { name: string; branding: TeamBranding | null } | null,
) {
  const names = new Map(interviewers.map((doc) => [doc._id, doc.name]));
  const zones = new Map(interviewers.map((doc) => [doc._id, doc.timezone]));
  const slot = interview.slot;
  const facts: ChangeFacts = {
    status: interview.status,
    slotStart: slot?.start.toISOString() ?? null,
    rescheduleCount: interview.rescheduleCount,
    rescheduleLimit: interview.rescheduleLimit,
  };
  const { changeCutoffMinutes, horizonDays } = noticeOf(interview, env);
  const cutoffMs = changeCutoffMinutes * 60_000;
  const refusal = rescheduleRefusal(facts, nowMs, cutoffMs);
  const changeBlockedReason =
    refusal?.code === 'RESCHEDULE_LIMIT' ? 'LIMIT' : refusal?.code === 'TOO_LATE_TO_CHANGE' ? 'CUTOFF' : null;
  const joinOpensMs = env.JOIN_OPENS_BEFORE_MINUTES * 60_000;
  return {
    interviewId: interview._id,
    status: interview.status,
    outcome: interview.outcome,
    position: interview.position,
    kind: interview.kind,
    kindLabel: kindLabelOf(interview),
    kindTitles: interview.kindTitles ?? null,
    locale: interview.locale ?? DEFAULT_LOCALE,
    /** A session of a loop: the page books the loop's itineraries instead of one time. */
    loop: Boolean(interview.loopId),
    durationMinutes: interview.durationMinutes,
    interviewerNames: interview.interviewerIds.map((id) => names.get(id) ?? 'Interviewer'),
    isPanel: interview.panelSize > 1,
    panelSize: interview.panelSize,
    attempt: interview.attempt,
    candidateName: interview.candidateName,
    candidateEmail: interview.candidateEmail,
    candidateTimezone: interview.candidateTimezone,
    /** The candidate's own number (E.164) and whether texts go to it. */
    candidatePhone: interview.candidatePhone ?? null,
    smsOptIn: interview.smsOptIn === true,
    slot: slot && {
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      interviewerName: names.get(slot.interviewerId) ?? 'Interviewer',
      interviewerTimezone: zones.get(slot.interviewerId) ?? 'UTC',
      panelNames: slot.interviewerIds.map((id) => names.get(id) ?? 'Interviewer'),
    },
    rescheduleCount: interview.rescheduleCount,
    rescheduleLimit: interview.rescheduleLimit,
    changeCutoffMinutes,
    canChange: refusal === null,
    changeBlockedReason: changeBlockedReason as 'LIMIT' | 'CUTOFF' | null,
    joinable: joinRefusal(facts, nowMs, joinOpensMs) === null,
    joinOpensAt: slot ? new Date(slot.start.getTime() - joinOpensMs).toISOString() : null,
    joined: interview.joinedAt !== null,
    hrEmail: env.HR_CONTACT_EMAIL,
    // Relative: the web app serves /api from booking, so the download stays on the page's origin.
    icsUrl: interview.status === 'SCHEDULED' && slot ? icsPath(token) : null,
    // The confirmation email carries it too; the page's calendar links need it for their events.
    meetingUrl: slot ? interview.meetingUrl : null,
    // When the link stops working: the invitation's expiry until booked, then the token's own.
    linkExpiresAt: linkExpiresAt(interview, horizonDays).toISOString(),
    cancelReason: interview.cancelReason,
    /** When none of the offered times worked: the windows sent, searched by the lifecycle until one fits (docs/adr/0071). */
    availability: availabilityView(interview.availability),
    /** Waiting for an earlier time, and the earlier time held for the candidate now (docs/adr/0072). */
    ...waitlistView(interview),
    /** The hiring team the interview is with (docs/adr/0076): the page's header shows its name, logo and colour; null for an unnamed default team. */
    team: team && { name: team.name, branding: team.branding },
  };
}

export type CandidateView = ReturnType<typeof candidateView>;
