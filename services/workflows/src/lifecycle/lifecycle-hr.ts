import * as wf from '@temporalio/workflow';
import { lifecycleSummary, type LifecycleInput, type LifecycleState } from '@portal/shared/lifecycle';
import { attendanceRefusal, outcomeRefusal, resendRefusal, retakeRefusal } from '@portal/shared/rules';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import {
  approveRetakeUpdate,
  eraseUpdate,
  feedbackSubmittedSignal,
  loopRebookSignal,
  markAttendanceUpdate,
  panelNoticeSignal,
  resendInvitationUpdate,
  setOutcomeUpdate,
} from './definitions';
import { refuseIf } from '../changes/failures';
import { activities, panelOf, summarized, type LifecycleParts } from './lifecycle-core';
import type { createPanelRepair } from '../panel-repair/panel-repair';
import { CandidateEmailKey } from './search-attributes';
import { isPatched } from '../patches/patches';

/** Erasure publishes `interview.erased` (ids only) instead of `interview.cancelled` (docs/adr/0048). */
const ERASED_EVENT_PATCH = 'erasure-webhook-event';

export interface HrUpdateDeps extends LifecycleParts {
  panel: ReturnType<typeof createPanelRepair>;
  cancelNow: (actor: string, reason: string | undefined, detail?: string, quietly?: boolean, forErasure?: boolean) => Promise<void>;
  closeWindow: (joined: boolean, actor: string, detail: string) => Promise<void>;
  /** The lifecycle itself, which a retake starts as its child. */
  lifecycle: (input: LifecycleInput) => Promise<LifecycleState>;
}

/**
 * HR's changes to a lifecycle: the outcome, the invitation sent again, attendance, a retake and
 * erasure, as updates whose rules refuse synchronously; and the panel's notices and scorecards,
 * as signals.
 */
export function registerHrUpdates(input: LifecycleInput, deps: HrUpdateDeps): void {
  const { timings, interviewId } = input;
  const { state, run, facts, now, exclusive, apply, outbox, calendars, webhooks, panel, cancelNow, closeWindow, wake } = deps;

  wf.setHandler(
    setOutcomeUpdate,
    ({ outcome, actor }) =>
      exclusive(async () => {
        refuseIf(outcomeRefusal(state));
        await apply('RECORD', actor, `outcome set to ${outcome}`, { outcome });
        webhooks.publish('interview.outcome_set');
        return state;
      }),
    { validator: (_request) => refuseIf(outcomeRefusal(state)) },
  );

  wf.setHandler(panelNoticeSignal, (notice) => panel.notice(notice));
  wf.setHandler(loopRebookSignal, (notice) => panel.loopRebook(notice));

  wf.setHandler(feedbackSubmittedSignal, ({ interviewerId }) => {
    if (!state.followUp.feedbackReceived.includes(interviewerId)) {
      state.followUp.feedbackReceived.push(interviewerId);
      webhooks.publish('scorecard.submitted', { scorecard: { interviewerId } });
    }
    wake();
  });

  wf.setHandler(
    resendInvitationUpdate,
    ({ actor }) =>
      exclusive(async () => {
        refuseIf(resendRefusal(state, run.candidateLink !== null));
        state.invitationsResent += 1;
        outbox.send(input.attempt > 1 ? 'retake_invitation' : 'invitation', `resend-${state.invitationsResent}`);
        await apply('RECORD', actor, `invitation sent again (${state.invitationsResent})`);
        return state;
      }),
    { validator: (_request) => refuseIf(resendRefusal(state, run.candidateLink !== null)) },
  );

  wf.setHandler(
    markAttendanceUpdate,
    ({ attended, actor }) =>
      exclusive(async () => {
        refuseIf(attendanceRefusal(facts(), now()));
        if (state.status === 'SCHEDULED') await apply('WINDOW_OPENS', actor, 'interview window opened (recorded by HR)');
        await closeWindow(attended, actor, attended ? 'marked as attended by HR' : 'marked as a no-show by HR');
        return state;
      }),
    { validator: (_request) => refuseIf(attendanceRefusal(facts(), now())) },
  );

  const retakeRules = { cooldownMs: timings.retakeCooldownMs, maxAttempts: timings.maxAttempts };

  wf.setHandler(
    approveRetakeUpdate,
    ({ newInterviewId, actor }) =>
      exclusive(async () => {
        refuseIf(retakeRefusal(state, now(), retakeRules));
        const next = await activities.createRetakeInterview.executeWithOptions(summarized('create retake interview'), [
          { fromInterviewId: interviewId, newInterviewId, actor },
        ]);
        await apply('ARCHIVE_FOR_RETAKE', actor, `retake approved as interview ${newInterviewId}`, {
          nextInterviewId: newInterviewId,
        });
        const nextWorkflowId = interviewWorkflowId(newInterviewId);
        await wf.startChild(deps.lifecycle, {
          workflowId: nextWorkflowId,
          args: [{ ...next, notificationsTaskQueue: input.notificationsTaskQueue, timings }],
          parentClosePolicy: wf.ParentClosePolicy.ABANDON,
          staticSummary: lifecycleSummary(next),
          memo: { previousWorkflowId: wf.workflowInfo().workflowId },
        });
        wf.upsertMemo({ nextWorkflowId });
        webhooks.publish('retake.created', { retake: { interviewId: newInterviewId } });
        return { newInterviewId };
      }),
    { validator: (_request) => refuseIf(retakeRefusal(state, now(), retakeRules)) },
  );

  // Erasure (docs/adr/0030): the lifecycle cancels what is still open, takes the panel's calendar
  // event down (it names the candidate), forgets the candidate's search attribute and ends, so
  // nothing runs under the data key once it is destroyed. Its webhook is `interview.erased`, ids
  // only (docs/adr/0048); a lifecycle erased before that sent `interview.cancelled` and replays so.
  wf.setHandler(eraseUpdate, ({ actor, notify }) =>
    exclusive(async () => {
      if (run.erased) return state;
      const erasedEvent = isPatched(ERASED_EVENT_PATCH);
      if (state.status === 'INVITED' || state.status === 'SCHEDULED') {
        await cancelNow(actor, undefined, 'cancelled: candidate data erased', !notify, erasedEvent);
      } else {
        calendars.remove(panelOf(state.slot), state.version, (m) => outbox.eventFacts(m));
      }
      if (erasedEvent) webhooks.erased();
      wf.upsertSearchAttributes([{ key: CandidateEmailKey, value: null }]);
      run.erased = true;
      wake();
      return state;
    }),
  );
}
