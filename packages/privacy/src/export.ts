import type { Database } from '@portal/db';
import type { CandidateRecords } from './candidate-interviews';

export { candidateRecords } from './candidate-interviews';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Everything the portal holds about a candidate, as one JSON document (a subject access request,
 * GDPR art. 15): who they are as the portal knows them, and per interview its times, status and
 * outcome, its timeline, every message sent about it, the scorecards and the webhook events sent
 * to integrations. The rows are those erasure erases (personal-data.ts), read by the same keys.
 */
export async function exportCandidate(db: Database, records: CandidateRecords, now = new Date()) {
  const interviews = await Promise.all(
    records.interviews.map(async (interview) => {
      const [timeline, messages, scorecards, webhookEvents] = await Promise.all([
        db.auditEvents.find({ interviewId: interview._id }).lean(),
        db.messages.find({ interviewId: interview._id }).lean(),
        db.scorecards.find({ interviewId: interview._id }).lean(),
        db.webhookEvents.find({ interviewId: interview._id }).lean(),
      ]);
      return {
        interviewId: interview._id,
        candidateName: interview.candidateName,
        candidateEmail: interview.candidateEmail,
        candidateTimezone: interview.candidateTimezone,
        ...('candidatePhone' in interview ? { candidatePhone: (interview as { candidatePhone?: string | null }).candidatePhone ?? null } : {}),
        locale: interview.locale ?? null,
        position: interview.position,
        kind: interview.kind,
        kit: interview.kit ?? null,
        attempt: interview.attempt,
        status: interview.status,
        outcome: interview.outcome,
        invitedAt: iso(interview.createdAt),
        slot: interview.slot && { start: iso(interview.slot.start), end: iso(interview.slot.end), interviewerIds: interview.slot.interviewerIds },
        rescheduleCount: interview.rescheduleCount,
        joinedAt: iso(interview.joinedAt),
        completedAt: iso(interview.completedAt),
        cancelReason: interview.cancelReason,
        meetingUrl: interview.meetingUrl,
        // The windows the candidate could come in, with their note (docs/adr/0071).
        availability: interview.availability
          ? {
              windows: interview.availability.windows.map((w) => ({ start: iso(w.start), end: iso(w.end) })),
              timezone: interview.availability.timezone,
              note: interview.availability.note,
              submittedAt: iso(interview.availability.submittedAt),
            }
          : null,
        timeline: timeline
          .sort((a, b) => a.at.getTime() - b.at.getTime())
          .map((event) => ({ id: event._id, at: iso(event.at), type: event.type, actor: event.actor, fromStatus: event.fromStatus, toStatus: event.toStatus, detail: event.detail })),
        messages: messages
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map((message) => ({ id: message._id, kind: message.kind, channel: message.channel ?? 'email', to: message.to, subject: message.subject, status: message.status, sentAt: iso(message.sentAt), events: message.events.map((event) => ({ type: event.type, at: iso(event.at), details: event.details ?? null })) })),
        scorecards: scorecards.map((card) => ({ id: card._id, interviewerId: card.interviewerId, rating: card.rating, recommendation: card.recommendation, notes: card.notes, answers: card.answers ?? {}, submittedAt: iso(card.submittedAt) })),
        webhookEvents: webhookEvents.map((event) => ({ id: event._id, type: event.type, occurredAt: iso(event.occurredAt), body: JSON.parse(event.body) as unknown })),
      };
    }),
  );
  return {
    exportedAt: now.toISOString(),
    candidate: {
      names: [...new Set(records.interviews.map((i) => i.candidateName))],
      emails: [...new Set(records.interviews.map((i) => i.candidateEmail))],
      timezones: [...new Set(records.interviews.map((i) => i.candidateTimezone))],
    },
    interviews,
  };
}

export type CandidateExport = Awaited<ReturnType<typeof exportCandidate>>;
