import { randomUUID } from 'node:crypto';
import { interviewIdInput, interviewsListInput, inviteInput, setOutcomeInput } from '@portal/shared/schemas';
import { DomainError } from '@portal/shared/errors';
import { findByIds, type InterviewDocument } from '@portal/shared/documents';
import { INTERVIEW_KINDS } from '@portal/shared/interview-kinds';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { Deps } from '../context';
import { inviteCandidate } from '../invite';
import { hrProcedure, router } from '../trpc';
import { closedLifecycle, find, retakeBlocker, retakeRuleRefusal } from './hr-interview-guards';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function row(deps: Deps, doc: InterviewDocument) {
  const undeliverable = (await deps.db.undeliverable.countDocuments({ _id: doc.candidateEmail }, { limit: 1 })) > 0;
  return {
    interviewId: doc._id,
    candidateName: doc.candidateName,
    candidateEmail: doc.candidateEmail,
    position: doc.position,
    kindLabel: INTERVIEW_KINDS[doc.kind].label,
    status: doc.status,
    outcome: doc.outcome,
    attempt: doc.attempt,
    slotStart: doc.slot?.start.toISOString() ?? null,
    createdAt: doc.createdAt.toISOString(),
    undeliverable,
  };
}

export const hrInterviewsRouter = router({
  invite: hrProcedure.input(inviteInput).mutation(({ ctx, input }) => inviteCandidate(ctx.deps, input, ctx.session.email)),

  list: hrProcedure.input(interviewsListInput).query(async ({ ctx, input }) => {
    const filter: Record<string, unknown> = {};
    if (input.status) filter.status = input.status;
    if (input.outcome) filter.outcome = input.outcome;
    if (input.position) filter.position = { $regex: escapeRegex(input.position), $options: 'i' };
    if (input.from || input.to) {
      filter['slot.start'] = {
        ...(input.from ? { $gte: new Date(input.from) } : {}),
        ...(input.to ? { $lt: new Date(input.to) } : {}),
      };
    }
    if (input.search) {
      const pattern = { $regex: escapeRegex(input.search), $options: 'i' };
      filter.$or = [{ candidateName: pattern }, { candidateEmail: pattern }];
    }
    const [docs, total] = await Promise.all([
      ctx.deps.db.interviews
        .find(filter)
        .sort({ createdAt: -1 })
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .toArray(),
      ctx.deps.db.interviews.countDocuments(filter),
    ]);
    return { items: await Promise.all(docs.map((doc) => row(ctx.deps, doc))), total, page: input.page, pageSize: input.pageSize };
  }),

  get: hrProcedure.input(interviewIdInput).query(async ({ ctx, input }) => {
    const { db, env } = ctx.deps;
    const doc = await find(ctx.deps, input.interviewId);
    const [interviewers, events, emails] = await Promise.all([
      findByIds((_id) => db.interviewers.findOne({ _id }), doc.interviewerIds),
      db.auditEvents.find({ interviewId: doc._id }).sort({ at: 1 }).toArray(),
      db.messages.find({ interviewId: doc._id }).sort({ createdAt: 1 }).toArray(),
    ]);
    const names = new Map(interviewers.map((i) => [i._id, i]));
    const slotInterviewer = doc.slot ? names.get(doc.slot.interviewerId) : undefined;
    const refusal = await retakeBlocker(ctx.deps, doc);
    const workflowId = interviewWorkflowId(doc._id);
    return {
      ...(await row(ctx.deps, doc)),
      interviewerNames: interviewers.map((i) => i.name),
      slot: doc.slot && {
        start: doc.slot.start.toISOString(),
        end: doc.slot.end.toISOString(),
        interviewerName: slotInterviewer?.name ?? 'Interviewer',
        interviewerTimezone: slotInterviewer?.timezone ?? 'UTC',
      },
      temporalUrl: `${env.TEMPORAL_UI_URL}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows/${workflowId}`,
      previousInterviewId: doc.previousInterviewId,
      nextInterviewId: doc.nextInterviewId,
      events: events.map((event) => ({
        at: event.at.toISOString(),
        actor: event.actor,
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        detail: event.detail,
      })),
      emails: emails.map((message) => ({
        kind: message.kind,
        to: message.to,
        status: message.status,
        sentAt: (message.updatedAt ?? message.createdAt).toISOString(),
        errorCode: message.errorCode ?? null,
        messageId: message.messageId ?? null,
      })),
      retake: { allowed: refusal === null, reason: refusal?.message ?? null },
    };
  }),

  setOutcome: hrProcedure.input(setOutcomeInput).mutation(async ({ ctx, input }) => {
    await find(ctx.deps, input.interviewId);
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
  approveRetake: hrProcedure.input(interviewIdInput).mutation(async ({ ctx, input }) => {
    const doc = await find(ctx.deps, input.interviewId);
    const refusal = retakeRuleRefusal(ctx.deps, doc);
    if (refusal !== null) throw new DomainError(refusal.code, refusal.message);
    return ctx.deps.lifecycle
      .approveRetake(input.interviewId, { newInterviewId: randomUUID(), actor: ctx.session.email })
      .catch(closedLifecycle(ctx.deps, input.interviewId));
  }),
});
