import { randomUUID } from 'node:crypto';
import { interviewerInput } from '@portal/shared/schemas';
import type { InterviewerDocument } from '@portal/db/documents';
import { hrProcedure, router } from '../trpc';

function present(doc: InterviewerDocument) {
  const { _id, updatedAt: _updatedAt, ...rest } = doc;
  return {
    ...rest,
    id: _id,
    timeOff: doc.timeOff.map((range) => ({ start: range.start.toISOString(), end: range.end.toISOString() })),
  };
}

export const hrInterviewersRouter = router({
  list: hrProcedure.query(async ({ ctx }) => {
    const docs = await ctx.deps.db.interviewers.find({}).sort({ name: 1 }).lean();
    return docs.map(present);
  }),

  /** Availability edits apply at once: slot listing reads interviewers on every request. */
  upsert: hrProcedure.input(interviewerInput).mutation(async ({ ctx, input }) => {
    const { id, ...fields } = input;
    const doc: InterviewerDocument = {
      ...fields,
      _id: id ?? randomUUID(),
      email: fields.email.toLowerCase(),
      weekly: fields.weekly.map((day) => ({ ...day, weekday: day.weekday as InterviewerDocument['weekly'][number]['weekday'] })),
      timeOff: fields.timeOff.map((range) => ({ start: new Date(range.start), end: new Date(range.end) })),
      updatedAt: new Date(),
    };
    await ctx.deps.db.interviewers.replaceOne({ _id: doc._id }, doc, { upsert: true, timestamps: false });
    return present(doc);
  }),
});
