import { activityInfo, heartbeat, sleep } from '@temporalio/activity';
import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import type { SendEmailInput } from '@portal/shared/email';

/**
 * A reminder handed over ahead of its moment (`sendAt`) is held here until then, heartbeating at
 * half its heartbeat timeout: should this worker die, Temporal notices within that timeout and runs
 * the attempt again on a worker that is up (late by about that much, not by the whole hold), and the
 * lifecycle's cancellation of a moved reminder reaches it. The sleep is the activity's own, so a
 * cancellation or a worker shutting down ends it; the message log still keeps it to one email.
 */
export async function holdUntilSendAt(input: SendEmailInput): Promise<void> {
  if (input.sendAt === undefined) return;
  const sendAt = Date.parse(input.sendAt);
  const timeout = activityInfo().heartbeatTimeoutMs;
  const beat = timeout ? Math.max(1_000, timeout / 2) : 10_000;
  let beatAt = -Infinity;
  for (let wait = sendAt - Date.now(); wait > 0; wait = sendAt - Date.now()) {
    // A timer set while the event loop is busy can fire a few ms early, and the hold sleeps again for
    // the rest: no heartbeat for such a last short turn (one went at most `beat` ago), where hundreds
    // of held reminders wake at once and each heartbeat is encoded and handed to the SDK.
    if (wait >= 1_000 || Date.now() - beatAt >= beat) {
      heartbeat();
      beatAt = Date.now();
    }
    await sleep(Math.min(wait, beat));
  }
}

/**
 * Whether a held reminder still reminds of the interview's time. The lifecycle cancels the reminders
 * of a time it moves or cancels, but a held send hears of that only at its next heartbeat; for a
 * change in the last seconds of the hold, the interview document (which the lifecycle writes before
 * it moves on) decides. Email not held is sent as it was asked for.
 */
export async function stillDueAfterHold(interviews: Database['interviews'], input: SendEmailInput): Promise<boolean> {
  if (input.sendAt === undefined) return true;
  return holdsItsTime(await interviews.findById(input.facts.interviewId, { status: 1, slot: 1 }).lean(), input);
}

/** Whether the interview, as read at the held reminder's moment, is still booked for the time it reminds of. */
export function holdsItsTime(interview: Pick<InterviewDocument, 'status' | 'slot'> | null, input: SendEmailInput): boolean {
  const { start } = input.facts;
  return (
    interview !== null &&
    (interview.status === 'SCHEDULED' || interview.status === 'IN_PROGRESS') &&
    start !== undefined &&
    interview.slot?.start.getTime() === Date.parse(start)
  );
}
