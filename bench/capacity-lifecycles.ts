import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '@portal/db';
import { newInterviewDocument } from '@portal/db/new-interview';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE, type LifecycleInput, type LifecycleTimings } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { DueReminder } from './capacity-schedule';
import { inPool } from './measure';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Bookings per interviewer per day, under the per-day maximum of 24. */
export const PER_DAY = 20;

function timings(offsetMs: number, reminderLeadMs: number): LifecycleTimings {
  return {
    invitationExpiryMs: DAY,
    reminderOffsetsMs: [offsetMs],
    reminderLeadMs,
    changeCutoffMs: 0,
    joinOpensBeforeMs: 0,
    graceAfterEndMs: 0,
    retakeCooldownMs: 0,
    retakeWindowMs: 0,
    maxAttempts: 3,
    slotRules: { stepMinutes: 1, minNoticeMinutes: 0, horizonDays: 4 },
    interviewerReminderMs: 0,
    feedbackNudgeMs: DAY,
    feedbackHrNudgeMs: DAY,
    decisionDue: { afterMs: DAY },
    feedbackLinkMs: DAY,
  };
}

/**
 * One real lifecycle per reminder of the ramp, booked at once: its interview document, its
 * workflow started the way HR's invite starts it, and the booking as the candidate's update. Each
 * has one reminder whose offset puts it at its due time; the slots are whole hours from tomorrow
 * (the window never opens during the run), spread over the interviewers, PER_DAY each a day.
 */
export async function bookReminderLifecycles(
  deps: { db: Database; client: Client; taskQueue: string; notificationsTaskQueue: string; interviewerIds: string[]; reminderLeadMs: number },
  schedule: DueReminder[],
  concurrency: number,
): Promise<string[]> {
  const { db, client, interviewerIds } = deps;
  const tomorrow = Math.ceil(Date.now() / DAY) * DAY;
  return inPool(schedule, concurrency, async (reminder, i) => {
    const interviewerId = interviewerIds[i % interviewerIds.length] ?? '';
    const seat = Math.floor(i / interviewerIds.length);
    const start = tomorrow + Math.floor(seat / PER_DAY) * DAY + (seat % PER_DAY) * HOUR;
    const interviewId = randomUUID();
    const doc = newInterviewDocument(
      {
        _id: interviewId,
        candidateName: `Capacity Candidate ${i}`,
        candidateEmail: `capacity.${i}@example.test`,
        candidateTimezone: 'Europe/London',
        position: 'Backend Engineer',
        kind: 'technical',
        durationMinutes: 1,
        interviewerIds: [interviewerId],
        panelSize: 1,
        attempt: 1,
        previousInterviewId: null,
        rescheduleLimit: 3,
        meetingUrl: `https://meet.example.test/interview/${interviewId}`,
      },
      new Date(),
    );
    await db.interviews.create(doc);
    const input: LifecycleInput = {
      interviewId,
      candidateName: doc.candidateName,
      candidateEmail: doc.candidateEmail,
      candidateTimezone: doc.candidateTimezone,
      position: doc.position,
      kind: 'technical',
      kindLabel: 'Technical interview',
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: 3,
      panelSize: 1,
      interviewerIds: doc.interviewerIds,
      durationMinutes: doc.durationMinutes,
      hrEmail: 'hr@example.test',
      meetingUrl: doc.meetingUrl ?? undefined,
      notificationsTaskQueue: deps.notificationsTaskQueue,
      timings: timings(start - reminder.dueAt, deps.reminderLeadMs),
    };
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue: deps.taskQueue, workflowId: interviewWorkflowId(interviewId), args: [input] });
    await handle.executeUpdate(LIFECYCLE_UPDATES.book, { args: [{ start: new Date(start).toISOString() }] });
    return interviewId;
  });
}
