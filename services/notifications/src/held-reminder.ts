import { sleep } from '@temporalio/activity';
import type { Database } from '@portal/db';
import type { SendEmailInput } from '@portal/shared/email';

/**
 * A reminder handed over ahead of its moment (`sendAt`) is held here until then. The hold is the
 * activity's own cancellable sleep: a worker shutting down cancels it, and Temporal runs the attempt
 * again elsewhere (late rather than lost; the message log still keeps it to one email).
 */
export async function holdUntilSendAt(input: SendEmailInput): Promise<void> {
  const wait = input.sendAt === undefined ? 0 : Date.parse(input.sendAt) - Date.now();
  if (wait > 0) await sleep(wait);
}

/**
 * Whether a held reminder still reminds of the interview's time. The lifecycle cancels the reminders
 * of a time it moves or cancels, but an activity that does not heartbeat never hears of that; the
 * interview document, which the lifecycle writes before it moves on, does. Email not held is sent
 * as it was asked for.
 */
export async function stillDueAfterHold(interviews: Database['interviews'], input: SendEmailInput): Promise<boolean> {
  if (input.sendAt === undefined) return true;
  const { start } = input.facts;
  const interview = await interviews.findById(input.facts.interviewId, { status: 1, slot: 1 }).lean();
  return (
    interview !== null &&
    (interview.status === 'SCHEDULED' || interview.status === 'IN_PROGRESS') &&
    start !== undefined &&
    interview.slot?.start.getTime() === Date.parse(start)
  );
}
