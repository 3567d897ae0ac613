import { availabilityView } from '../availability/availability';
import { waitlistView } from '../waitlist/waitlist';
import { withLoopWaitlist } from '../loops/loop-waitlist';
import { randomUUID } from 'node:crypto';
import { interviewIdInput, inviteInput, setOutcomeInput } from '@portal/shared/schemas';
import { DomainError } from '@portal/shared/errors';
import type { InterviewDocument } from '@portal/db/documents';
import { readInterviewers } from '@portal/db/interviewers';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { EMPTY_KIT } from '@portal/shared/kits';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { auditTrail } from './audit-trail';
import type { Deps } from '../http/context';
import { listInterviews } from './interview-list';
import { noticeOf } from '../slots/notice-rules';
import { hrListInput, lastPage } from './list-page-number';
import { inviteCandidate } from '../invitations/invite';
import { foldLoopSessions } from '../loops/loop-rows';
import { hrProcedure, router, memberProcedure } from '../http/trpc';
import { closedLifecycle, find, retakeBlocker, retakeRuleRefusal } from './hr-interview-guards';

/** Panel members of a completed interview whose scorecard is not in. */
function missingFeedback(doc: InterviewDocument, scorecards: { interviewerId: string }[]): string[] {
  const submitted = new Set(scorecards.map((card) => card.interviewerId));
  return (doc.slot?.interviewerIds ?? []).filter((id) => !submitted.has(id));
}

/** Which of these candidates' addresses bounced; the collection holds only such addresses, so it is read whole. */
async function undeliverableAmong(deps: Deps, docs: InterviewDocument[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  const found = await deps.db.undeliverable.find({ _id: { $in: [...new Set(docs.map((doc) => doc.candidateEmail))] } }, { _id: 1 }).lean();
  return new Set(found.map((address) => address._id));
}

function row(doc: InterviewDocument, undeliverable: Set<string>) {
  return {
    interviewId: doc._id,
    candidateName: doc.candidateName,
    candidateEmail: doc.candidateEmail,
    position: doc.position,
    kind: doc.kind,
    kindLabel: kindLabelOf(doc),
    kindTitles: doc.kindTitles ?? null,
    status: doc.status,
    outcome: doc.outcome,
    attempt: doc.attempt,
    slotStart: doc.slot?.start.toISOString() ?? null,
    createdAt: doc.createdAt.toISOString(),
    undeliverable: undeliverable.has(doc.candidateEmail),
    /** The loop this interview is a session of (docs/adr/0031), null for a single interview. */
    loopId: doc.loopId ?? null,
  };
}

export const hrInterviewsRouter = router({
  invite: hrProcedure.input(inviteInput).mutation(({ ctx, input }) => inviteCandidate(ctx.deps, input, ctx.session.email)),

  /** A page past the last answers with the last one (a second read only then), and says which page it is. */
  list: memberProcedure.input(hrListInput).query(async ({ ctx, input }) => {
    let page = input.page;
    let { items, total } = await listInterviews(ctx.deps.db, input);
    if (page > lastPage(total, input.pageSize)) {
      page = lastPage(total, input.pageSize);
      ({ items, total } = await listInterviews(ctx.deps.db, { ...input, page }));
    }
    const undeliverable = await undeliverableAmong(ctx.deps, items);
    // A loop's sessions are one row (docs/adr/0036); `total` still counts interviews, and
    // `interviewsOnPage` says how many this page's rows stand for (docs/adr/0041).
    const rows = await foldLoopSessions(ctx.deps.db, items, (doc, loop) => ({ ...row(doc, undeliverable), loop }));
    return { items: rows, total, interviewsOnPage: items.length, page, pageSize: input.pageSize };
  }),

  get: memberProcedure.input(interviewIdInput).query(async ({ ctx, input }) => {
    const { db, env } = ctx.deps;
    const doc = await find(ctx.deps, input.interviewId);
    const [interviewers, events, emails, scorecards] = await Promise.all([
      readInterviewers(db, doc.interviewerIds),
      db.auditEvents.find({ interviewId: doc._id }).sort({ at: 1 }).lean(),
      db.messages.find({ interviewId: doc._id }).sort({ createdAt: 1 }).lean(),
      db.scorecards.find({ interviewId: doc._id }).lean(),
    ]);
    const panelIds = doc.slot?.interviewerIds ?? [];
    const names = new Map(interviewers.map((i) => [i._id, i]));
    const slotInterviewer = doc.slot ? names.get(doc.slot.interviewerId) : undefined;
    const refusal = await retakeBlocker(ctx.deps, doc);
    const workflowId = interviewWorkflowId(doc._id);
    return {
      ...row(doc, await undeliverableAmong(ctx.deps, [doc])),
      interviewerNames: interviewers.map((i) => i.name),
      /** The rules fixed at the invitation, which later changes to the kind do not move. */
      notice: noticeOf(doc, env),
      /** The reminder schedule fixed at the invitation (absent on interviews from before schedules). */
      reminders: doc.reminders ?? null,
      smsOptIn: doc.smsOptIn === true,
      slot: doc.slot && {
        start: doc.slot.start.toISOString(),
        end: doc.slot.end.toISOString(),
        interviewerName: slotInterviewer?.name ?? 'Interviewer',
        interviewerTimezone: slotInterviewer?.timezone ?? 'UTC',
        panelNames: panelIds.map((id) => names.get(id)?.name ?? 'Interviewer'),
        /** Each member's answer to their invitation (docs/adr/0032): null while unanswered. */
        panel: panelIds.map((id) => {
          const answer = doc.panelAnswers?.find((a) => a.interviewerId === id);
          return {
            interviewerId: id,
            name: names.get(id)?.name ?? 'Interviewer',
            pickedBecause: doc.slot?.picks?.find((p) => p.interviewerId === id)?.pickedBecause ?? null,
            answer: answer ? { answer: answer.answer, reason: answer.reason, via: answer.via, at: answer.at.toISOString() } : null,
          };
        }),
      },
      panelSize: doc.panelSize,
      /** The scorecard kit fixed at the invitation (issue 50): the questions the answers below are keyed by. */
      kit: doc.kit ?? EMPTY_KIT,
      scorecards: scorecards.map((card) => ({
        interviewerId: card.interviewerId,
        interviewerName: names.get(card.interviewerId)?.name ?? 'Interviewer',
        rating: card.rating,
        recommendation: card.recommendation,
        notes: card.notes,
        answers: card.answers ?? {},
        submittedAt: card.submittedAt.toISOString(),
        updatedAt: card.updatedAt.toISOString(),
      })),
      feedbackMissing: doc.status === 'COMPLETED' ? missingFeedback(doc, scorecards).map((id) => names.get(id)?.name ?? 'Interviewer') : [],
      temporalUrl: `${env.TEMPORAL_UI_URL}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows/${workflowId}`,
      previousInterviewId: doc.previousInterviewId,
      nextInterviewId: doc.nextInterviewId,
      events: auditTrail(events, emails),
      emails: emails.map((message) => ({
        kind: message.kind,
        channel: message.channel ?? 'email',
        to: message.to,
        status: message.status,
        sentAt: (message.updatedAt ?? message.createdAt).toISOString(),
        errorCode: message.errorCode ?? null,
        messageId: message.messageId ?? null,
      })),
      retake: { allowed: refusal === null, reason: refusal?.message ?? null },
      /** When none of the offered times worked: the windows the candidate sent (docs/adr/0071). */
      availability: availabilityView(doc.availability),
      // A loop's session shows its loop's waitlist and hold (docs/adr/0077).
      ...waitlistView(await withLoopWaitlist(ctx.deps.db, doc)),
    };
  }),

  setOutcome: memberProcedure.input(setOutcomeInput).mutation(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    if (doc.status === 'COMPLETED' && input.outcome !== 'ON_HOLD' && !input.confirmMissingFeedback) {
      const missing = missingFeedback(doc, await ctx.deps.db.scorecards.find({ interviewId: doc._id }, { interviewerId: 1 }).lean());
      if (missing.length > 0) {
        const names = (await readInterviewers(ctx.deps.db, missing)).map((i) => i.name);
        throw new DomainError('FEEDBACK_INCOMPLETE', `Scorecards are still missing from ${names.join(', ')}; confirm to decide without them.`);
      }
    }
    await ctx.deps.lifecycle
      .setOutcome(input.interviewId, { outcome: input.outcome, actor: ctx.session.email })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
    return { ok: true as const };
  }),

  /**
   * The rule is checked here first so a closed lifecycle still refuses clearly; the active-interview
   * lock is left to the workflow, which checks it under its own lock (a concurrent approval of
   * the same interview then answers ALREADY_APPROVED, not "another interview is active").
   */
  approveRetake: memberProcedure.input(interviewIdInput).mutation(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    const refusal = retakeRuleRefusal(ctx.deps, doc);
    if (refusal !== null) throw new DomainError(refusal.code, refusal.message);
    return ctx.deps.lifecycle
      .approveRetake(input.interviewId, { newInterviewId: randomUUID(), actor: ctx.session.email })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
  }),
});
