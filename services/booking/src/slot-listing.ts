import { availabilityOf, findByIds, type InterviewDocument } from '@portal/shared/documents';
import { generateSlots } from '@portal/shared/slots';
import type { Database } from './db';
import type { BookingEnv } from './env';
import { slotRules } from './lifecycle-config';

/** Free slots for an interview's pool: availability minus what is booked, within notice and horizon. */
export async function listSlots(db: Database, env: BookingEnv, interview: InterviewDocument, now: Date) {
  const pool = (await findByIds((_id) => db.interviewers.findOne({ _id }), interview.interviewerIds)).filter((doc) => doc.active);
  const booked = await db.interviews
    .find(
      { 'slot.interviewerId': { $in: interview.interviewerIds }, status: { $in: ['SCHEDULED', 'IN_PROGRESS'] } },
      { projection: { slot: 1 } },
    )
    .toArray();
  const rules = { ...slotRules(env), durationMinutes: interview.durationMinutes };
  const slots = generateSlots({
    interviewers: pool.map(availabilityOf),
    booked: booked.flatMap(({ slot }) => (slot ? [{ interviewerId: slot.interviewerId, start: slot.start, end: slot.end }] : [])),
    rules,
    now,
  });
  return {
    slots: slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })),
    horizonDays: rules.horizonDays,
    minNoticeMinutes: rules.minNoticeMinutes,
  };
}
