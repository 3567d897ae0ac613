import type { InterviewKindDocument } from '@portal/db/documents';

/** A kind as HR and the API read it (issue 50): null settings are the portal's defaults at each invitation. */
export function kindView(doc: InterviewKindDocument) {
  return {
    id: doc._id,
    titles: doc.titles,
    durationMinutes: doc.durationMinutes,
    panelSize: doc.panelSize,
    rescheduleLimit: doc.rescheduleLimit,
    interviewerReminderMinutes: doc.interviewerReminderMinutes,
    decisionWorkingDays: doc.decisionWorkingDays,
    minNoticeMinutes: doc.minNoticeMinutes ?? null,
    horizonDays: doc.horizonDays ?? null,
    changeCutoffMinutes: doc.changeCutoffMinutes ?? null,
    bufferBeforeMinutes: doc.bufferBeforeMinutes ?? null,
    bufferAfterMinutes: doc.bufferAfterMinutes ?? null,
    meetingProvider: doc.meetingProvider ?? null,
    reminders: doc.reminders ?? null,
    availabilityAction: doc.availabilityAction ?? null,
    holdMinutes: doc.holdMinutes ?? null,
    kit: doc.kit,
    archived: doc.archived,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export type KindView = ReturnType<typeof kindView>;
