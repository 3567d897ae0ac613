import { withLoopWaitlist } from '../loops/loop-waitlist';
import { interviewChangesInput, interviewIdInput } from '@portal/shared/schemas';
import { readInterviewChanges } from '@portal/db/interview-changes';
import { toInterviewRecord } from './interview-record';
import { router, memberProcedure } from '../http/trpc';
import { find } from './hr-interview-guards';

/** Interviews as integrations read them (the REST API's `Interview`), one or as a change feed. */
export const hrInterviewRecordsRouter = router({
  // A loop's session shows its loop's waitlist and hold (docs/adr/0077).
  record: memberProcedure.input(interviewIdInput).query(async ({ ctx, input }) =>
    toInterviewRecord(await withLoopWaitlist(ctx.deps.db, await find(ctx.deps, input.interviewId)), ctx.deps.env),
  ),

  changes: memberProcedure.input(interviewChangesInput).query(async ({ ctx, input }) => {
    const { items, nextCursor, hasMore } = await readInterviewChanges(ctx.deps.db, input);
    return { items: items.map((doc) => toInterviewRecord(doc, ctx.deps.env)), nextCursor, hasMore };
  }),
});
