import { log, proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { InterviewEvent } from '@portal/shared/status';
import type { LifecycleInput, LifecycleState, LoopRebookNotice, PanelAnswer, PanelMember, PanelNotice, SlotState } from '@portal/shared/lifecycle';
import type { ChangeSet } from '../changes/activities-api';
import type { PanelRepairActivities } from './activities-api';
import type { createCalendarWrites } from '../calendars/calendar-writes';
import type { createOutbox } from '../outbox/emails';
import type { Deadline } from '../plan/plan';
import { isPatched } from '../patches/patches';

/** Lifecycles from before panels were watched replay without these steps (docs/adr/0032). */
const PANEL_REPAIR_PATCH = 'panel-repair';
/** The same for invitations carrying Accept and Decline links. */
const ANSWER_LINKS_PATCH = 'interviewer-answer-links';
/**
 * Answer links issued by an activity of the task queue rather than a local one: a local activity
 * running beside the lifecycle's own local steps resolved in an order a replay could not repeat
 * (docs/adr/0035).
 */
const ANSWER_LINKS_BY_ACTIVITY_PATCH = 'answer-links-by-activity';
/**
 * An open re-pick holds the join reminders of the held time (the candidate's, texts, the panel's):
 * their moments remind the candidate to choose a new time instead. Before, they went out as if the
 * panel were whole.
 */
const REPICK_HOLDS_REMINDERS_PATCH = 'repick-holds-join-reminders';
const DEFAULT_REPICK_WINDOW_MS = 48 * 3_600_000;

const CONFLICT_WORDS: Record<Exclude<PanelNotice, { kind: 'answer' }>['reason'], string> = {
  'time-off': 'time off',
  calendar: 'another event in their calendar',
  deactivated: 'deactivated',
  'left-pool': 'left the pool',
};

export interface PanelRepairDeps {
  input: LifecycleInput;
  state: LifecycleState;
  outbox: ReturnType<typeof createOutbox>;
  calendars: ReturnType<typeof createCalendarWrites>;
  activityOptions: ActivityOptions;
  apply: (event: InterviewEvent | 'RECORD', actor: string, detail: string, set?: ChangeSet) => Promise<void>;
  cancel: (actor: string, reason: string) => Promise<void>;
  /** Stops join reminders already handed over for the held time (email and text). */
  dropReminders: () => void;
  /** Wakes the lifecycle's loop, which runs `repair()` under its lock. */
  wake: () => void;
  now: () => number;
}

/**
 * The lifecycle watching its own panel: members' answers (links and calendar PARTSTAT) and
 * conflicts told where they were made arrive as a signal, queue here, and are handled one by one
 * under the lifecycle's lock. A member who can no longer sit is replaced at the same time by
 * another of the pool (same claim, same rules); when nobody can, the candidate may choose a new
 * time until a deadline while the old one is held, and HR is told.
 */
export function createPanelRepair(deps: PanelRepairDeps) {
  const { input, state, outbox, calendars } = deps;
  const activities = proxyActivities<PanelRepairActivities>(deps.activityOptions);
  const local = proxyLocalActivities<PanelRepairActivities>({ startToCloseTimeout: deps.activityOptions.startToCloseTimeout, retry: deps.activityOptions.retry });
  const queue: PanelNotice[] = [];
  const rebooks: LoopRebookNotice[] = [];
  const inFlight: Promise<unknown>[] = [];

  const answerExpiry = () => new Date(Date.parse(state.slot?.end ?? new Date(deps.now()).toISOString()) + 24 * 3_600_000).toISOString();

  async function linksFor(members: PanelMember[], byActivity: boolean) {
    const request = { interviewId: input.interviewId, interviewerIds: members.map((m) => m.interviewerId), expiresAt: answerExpiry() };
    const summary = 'issue answer links';
    const issued = byActivity
      ? await activities.issueAnswerLinks.executeWithOptions({ ...deps.activityOptions, summary }, [request])
      : await local.issueAnswerLinks.executeWithOptions({ startToCloseTimeout: deps.activityOptions.startToCloseTimeout, retry: deps.activityOptions.retry, summary }, [request]);
    return new Map(issued.map(({ interviewerId, accept, decline }) => [interviewerId, { accept, decline }]));
  }

  /** Sends `kind` to `members` with their answer links, beside the lifecycle (a booking never waits for the signing). */
  function sendWithLinks(kind: 'interviewer_invitation' | 'interviewer_answer_nudge', members: PanelMember[], variant?: string): void {
    if (members.length === 0) return;
    const byActivity = isPatched(ANSWER_LINKS_BY_ACTIVITY_PATCH);
    const send = async () => {
      const links = await linksFor(members, byActivity);
      outbox.sendToPanel(kind, members, { ...(variant === undefined ? {} : { variant }), extra: (m) => ({ answerLinks: links.get(m.interviewerId) }) });
    };
    inFlight.push(send().catch((error: unknown) => log.warn('interviewer message not sent', { interviewId: input.interviewId, kind, error: String(error) })));
  }

  function planNudge(): void {
    const after = input.timings.answerNudgeMs;
    if (after !== undefined) state.answerNudge = { at: new Date(deps.now() + after).toISOString(), sent: false };
  }

  /** Invitations to members joining the panel (a booking, a move): with Accept/Decline links once patched. */
  function invite(members: PanelMember[], variant?: string): void {
    if (!isPatched(ANSWER_LINKS_PATCH)) {
      outbox.sendToPanel('interviewer_invitation', members, variant === undefined ? {} : { variant });
      return;
    }
    sendWithLinks('interviewer_invitation', members, variant);
    planNudge();
  }

  function withoutAnswerOf(interviewerId: string): PanelAnswer[] {
    return (state.panelAnswers ?? []).filter((a) => a.interviewerId !== interviewerId);
  }

  async function replace(slot: SlotState, member: PanelMember, why: string): Promise<void> {
    const replacement = await activities.replacePanelMember.executeWithOptions({ ...deps.activityOptions, summary: `replace ${member.name} (${why})` }, [
      {
        interviewId: input.interviewId,
        claimId: slot.claimId,
        start: slot.start,
        end: slot.end,
        leaving: member.interviewerId,
        panel: slot.panel.map((m) => m.interviewerId),
        interview: { interviewerIds: input.interviewerIds ?? [], durationMinutes: input.durationMinutes ?? 0, panelSize: input.panelSize },
        rules: input.timings.slotRules,
        candidateEmail: input.candidateEmail,
      },
    ]);
    const panel = replacement
      ? slot.panel.map((m) => (m.interviewerId === member.interviewerId ? replacement : m))
      : slot.panel.filter((m) => m.interviewerId !== member.interviewerId);
    const [lead] = panel;
    const next: SlotState = { ...slot, panel, ...(lead ? { interviewerId: lead.interviewerId, interviewerTimezone: lead.timezone } : {}) };
    const panelAnswers = withoutAnswerOf(member.interviewerId);
    if (replacement) {
      await deps.apply('RECORD', 'system', `${member.name} replaced by ${replacement.name} at the same time (${why}); ${replacement.name}: ${replacement.pickedBecause ?? 'chosen by the claim'}`, {
        slot: next,
        panelAnswers,
      });
    } else {
      const until = Math.min(deps.now() + (input.timings.repickWindowMs ?? DEFAULT_REPICK_WINDOW_MS), Date.parse(slot.start));
      const untilIso = new Date(until).toISOString();
      await deps.apply(
        'RECORD',
        'system',
        `${member.name} can no longer attend (${why}) and no qualified interviewer is free then: the candidate may choose a new time until ${untilIso}, the old one held; HR told`,
        { slot: next, panelAnswers },
      );
      const holdsReminders = isPatched(REPICK_HOLDS_REMINDERS_PATCH);
      state.repickOffer = {
        until: untilIso,
        start: slot.start,
        missing: [...(state.repickOffer?.missing ?? []), member.interviewerId],
        ...(holdsReminders ? { holdsReminders } : {}),
      };
      if (holdsReminders) deps.dropReminders();
    }
    const variant = `v${state.version}`;
    const panelChange = { left: member.name, joined: replacement?.name ?? null, reason: why };
    outbox.sendToPanel('interviewer_cancelled', [member], { variant, slot });
    calendars.remove([member], state.version, (m) => outbox.eventFacts(m, slot));
    if (replacement) {
      sendWithLinks('interviewer_invitation', [replacement], variant);
      outbox.send('panel_changed', variant, { panelChange });
      calendars.put(next.panel, state.version, (m) => outbox.eventFacts(m));
      return;
    }
    outbox.send('repick_offer', variant, { panelChange, repickUntil: state.repickOffer?.until });
    outbox.sendToHr('panel_unfilled', { panelChange, repickUntil: state.repickOffer?.until }, variant);
  }

  /**
   * Booking found no time for this loop session's re-pick beside the loop's other sessions and
   * offered the whole loop again (docs/adr/0032): the timeline says so and HR is told, once per offer.
   */
  async function tellLoopRebook(notice: LoopRebookNotice): Promise<void> {
    const offer = state.repickOffer;
    if (state.status !== 'SCHEDULED' || input.loop === undefined || !offer || offer.loopRebookOffered) return;
    const offered = notice.itineraries === 1 ? '1 itinerary' : `${notice.itineraries} itineraries`;
    await deps.apply(
      'RECORD',
      'system',
      `no time is left for this session within the loop's rules around the other sessions: the whole loop offered again (${offered}), the booked sessions kept where they still fit, until ${offer.until}; HR told`,
    );
    state.repickOffer = { ...offer, loopRebookOffered: true };
    outbox.sendToHr('loop_rebook_offered', { repickUntil: offer.until }, `loop-rebook:${offer.start}`);
  }

  async function handle(notice: PanelNotice): Promise<void> {
    const slot = state.slot;
    if (state.status !== 'SCHEDULED' || slot === null) return;
    // A member already replaced (or a notice for a panel since changed) is nobody's business now.
    const member = slot.panel.find((m) => m.interviewerId === notice.interviewerId);
    if (member === undefined) return;
    if (notice.kind === 'answer') {
      if (state.panelAnswers?.some((a) => a.interviewerId === member.interviewerId && a.answer === notice.answer)) return;
      const reason = notice.reason?.trim() || null;
      const answer: PanelAnswer = { interviewerId: member.interviewerId, answer: notice.answer, reason, via: notice.via, at: notice.at };
      const where = notice.via === 'calendar' ? ' in their calendar' : '';
      await deps.apply('RECORD', `interviewer:${member.name}`, `${member.name} ${notice.answer} the invitation${where}${reason ? `: ${reason}` : ''}`, {
        panelAnswers: [...withoutAnswerOf(member.interviewerId), answer],
      });
      if (notice.answer === 'declined') await replace(slot, member, `declined${reason ? `: ${reason}` : ''}`);
      return;
    }
    await replace(slot, member, `${CONFLICT_WORDS[notice.reason]}${notice.detail ? `: ${notice.detail}` : ''}`);
  }

  return {
    invite,
    /** The signal's handler: queued, handled by `repair()` under the lifecycle's lock. */
    notice(notice: PanelNotice): void {
      queue.push(notice);
      deps.wake();
    },
    /** Booking's word that this loop session's re-pick had no time of its own: handled by `repair()` under the lock. */
    loopRebook(notice: LoopRebookNotice): void {
      rebooks.push(notice);
      deps.wake();
    },
    pending: () => queue.length > 0 || rebooks.length > 0,
    async repair(): Promise<void> {
      if (!isPatched(PANEL_REPAIR_PATCH)) {
        queue.length = 0;
        return;
      }
      for (let notice = queue.shift(); notice !== undefined; notice = queue.shift()) await handle(notice);
      for (let notice = rebooks.shift(); notice !== undefined; notice = rebooks.shift()) await tellLoopRebook(notice);
    },
    /** A move (the candidate's re-pick among them) books a whole panel: the offer is over. */
    moved(): void {
      state.repickOffer = null;
    },
    /** A re-pick while the offer is open does not spend the candidate's allowance. */
    offerOpen: () => (state.repickOffer ?? null) !== null,
    /** While a re-pick is open the held time cannot be joined: its panel is not whole, and the offer's deadline ends it. */
    joinRefusal: () =>
      state.repickOffer?.holdsReminders
        ? ({ code: 'NOT_JOINABLE', message: 'This interview needs a new time: one of its interviewers can no longer attend. Choose a new time from your link.' } as const)
        : null,
    async onDeadline(deadline: Extract<Deadline, { kind: 'answer-nudge' | 'repick-deadline' | 'repick-reminder' }>): Promise<void> {
      const slot = state.slot;
      if (slot === null) return;
      if (deadline.kind === 'repick-reminder') {
        // The reminder's moment while a new time is still to be chosen: the offer again, never a join link.
        const until = state.repickOffer?.until ?? slot.start;
        outbox.send('repick_offer', `reminder:${deadline.offsetMs}`, { repickUntil: until });
        await deps.apply('RECORD', 'system', `${deadline.summary}: the new-time offer sent again instead of the join reminder (open until ${until})`);
        return;
      }
      if (deadline.kind === 'repick-deadline') {
        state.repickOffer = null;
        await deps.cancel('system', 'the panel could not be completed and no new time was chosen in time');
        return;
      }
      if (state.answerNudge) state.answerNudge = { ...state.answerNudge, sent: true };
      const answered = new Set((state.panelAnswers ?? []).map((a) => a.interviewerId));
      const unanswered = slot.panel.filter((m) => !answered.has(m.interviewerId));
      if (unanswered.length === 0) return;
      sendWithLinks('interviewer_answer_nudge', unanswered, 'nudge');
      await deps.apply('RECORD', 'system', `answer nudge sent to ${unanswered.map((m) => m.name).join(', ')}`);
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight);
    },
  };
}
