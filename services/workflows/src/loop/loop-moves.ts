import * as wf from '@temporalio/workflow';
import type { SlotState } from '@portal/shared/lifecycle';
import { LOOP_UPDATES, type LoopInput, type LoopMoveRequest, type LoopState } from '@portal/shared/loops';
import type { Refusal } from '@portal/shared/rules';
import { refuse, refuseIf } from '../changes/failures';
import { local, loopRetry as retry, remote, sessionClaim } from './loop-activities';

export const moveLoopSessionsUpdate = wf.defineUpdate<LoopState, [LoopMoveRequest]>(LOOP_UPDATES.moveSessions);

export interface LoopMovesDeps {
  input: LoopInput;
  state: LoopState;
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  changed: () => void;
}

/**
 * A booked loop's sessions moved together, all or nothing (docs/adr/0032: a session's re-pick
 * with no time left beside the others offers the whole loop again). Every moved session's new time
 * is claimed first, with the session's own claim id, by the loop's claim of its sessions
 * (`claimLoopSlots`, the loops' one order of claims); one refused releases the others and nothing
 * moves. Then each session's lifecycle gets its ordinary `reschedule` update, which finds its
 * claim already held, releases the old time and tells its own panel and the candidate. Sessions
 * not named stay where they are.
 */
export function registerLoopMoves({ input, state, exclusive, changed }: LoopMovesDeps) {
  const sessionOf = (interviewId: string) => input.sessions.findIndex((s) => s.interviewId === interviewId);

  const moveRefusal = (request: LoopMoveRequest): Refusal | null => {
    if (state.status !== 'BOOKED') return { code: 'ILLEGAL_TRANSITION', message: `The loop is ${state.status}; only a booked loop's sessions can be moved together.` };
    const ids = request.moves.map((m) => m.interviewId);
    if (ids.length === 0 || new Set(ids).size !== ids.length || ids.some((id) => sessionOf(id) < 0) || request.moves.some((m) => Number.isNaN(Date.parse(m.start)))) {
      return { code: 'BAD_INPUT', message: 'Each moved session must be one of the loop’s, once, with a start.' };
    }
    return null;
  };

  const release = (slots: { interviewId: string; slot: SlotState }[]) =>
    Promise.all(slots.map(({ interviewId, slot }) => local.releaseSlot({ interviewId, claimId: slot.claimId })));

  /** The sessions moved, all or nothing on the claims; the caller holds the loop's lock and has checked the rule. */
  async function moveTogether(request: LoopMoveRequest): Promise<void> {
    const moves = request.moves.map((m) => ({ index: sessionOf(m.interviewId), interviewId: m.interviewId, start: new Date(Date.parse(m.start)).toISOString() }));
    const requests = moves.map(({ index, start }) => {
      const s = input.sessions[index];
      if (s === undefined) throw new Error('a moved session is not the loop’s');
      return sessionClaim(s, start);
    });
    const outcomes = await local.claimLoopSlots.executeWithOptions({ startToCloseTimeout: '30 seconds', retry, summary: 'claim the moved sessions' }, [requests]);
    const held = outcomes.flatMap((o) => ('slot' in o ? [{ interviewId: o.interviewId, slot: o.slot }] : []));
    const lost = outcomes.findIndex((o) => 'refused' in o);
    const loss = outcomes[lost];
    if (held.length < moves.length) {
      await release(held);
      const index = moves[lost]?.index ?? 0;
      const title = input.sessions[index]?.title ?? `session ${index + 1}`;
      const message = loss && 'refused' in loss ? loss.refused.message : 'it could not be claimed';
      throw wf.ApplicationFailure.create({ type: 'SLOT_TAKEN', message: `${title}: ${message}`, nonRetryable: true, details: [{ session: index, title }] });
    }
    const changeId = `${wf.workflowInfo().workflowId}:v${state.version}:move`;
    const answers = await remote.moveLoopSessions.executeWithOptions({ summary: 'move the sessions', startToCloseTimeout: '2 minutes', retry }, [
      { changeId, moves: moves.map(({ interviewId, start }) => ({ interviewId, start })), reason: request.reason, actor: 'system', ...(request.timezone === undefined ? {} : { timezone: request.timezone }) },
    ]);
    for (const answer of answers) {
      const session = state.sessions[sessionOf(answer.interviewId)];
      if (session && 'slot' in answer && answer.slot) Object.assign(session, { start: answer.slot.start, end: answer.slot.end, panel: answer.slot.panel.map((m) => m.name) });
    }
    const refused = answers.find((a) => 'refused' in a);
    if (refused && 'refused' in refused) {
      // Its lifecycle closed since the offer (HR cancelled it): the claim made for it goes; the moves made stand.
      await release(held.filter((h) => h.interviewId === refused.interviewId));
      changed();
      refuse({ code: 'ILLEGAL_TRANSITION', message: `A session of the loop cannot be moved: ${refused.refused.message}` });
    }
    changed();
  }

  wf.setHandler(
    moveLoopSessionsUpdate,
    (request) =>
      exclusive(async () => {
        refuseIf(moveRefusal(request));
        await moveTogether(request);
        return state;
      }),
    { validator: (request) => refuseIf(moveRefusal(request)) },
  );
  return { moveTogether, moveRefusal };
}
