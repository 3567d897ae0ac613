import * as wf from '@temporalio/workflow';
import { HOLD_OFFERED_SIGNAL, TIME_FREED_SIGNAL, type CoordinatorInput, type HoldOffer, type TimeFreed } from '@portal/shared/waitlist';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { loopWorkflowId } from '@portal/shared/loops';
import type { WaitlistActivities } from './activities-api';

export const timeFreedSignal = wf.defineSignal<[TimeFreed]>(TIME_FREED_SIGNAL);

const { offerHolds, releaseHold } = wf.proxyActivities<WaitlistActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Words of freed time taken in before the history is handed to a fresh run. */
const ROUNDS_PER_RUN = 200;

/**
 * The waitlist's one coordinator (docs/adr/0072): every word of freed time (a cancel, a move, new
 * hours, a hold that ended) is taken in turn, so each freed time is held for the first candidate
 * waiting on its pool and for nobody else. The holds' timers, the offers and the answers are the
 * holders' lifecycles'; this only decides who gets which time.
 */
export async function waitlistCoordinator(input: CoordinatorInput = {}): Promise<void> {
  const pending: string[][] = [...(input.pending ?? [])];
  wf.setHandler(timeFreedSignal, ({ interviewerIds }) => {
    pending.push(interviewerIds);
  });
  for (let round = 0; round < ROUNDS_PER_RUN; round += 1) {
    wf.setCurrentDetails(`**Waiting for:** word of freed time\n\n**Rounds this run:** ${round}`);
    await wf.condition(() => pending.length > 0);
    const interviewerIds = [...new Set(pending.splice(0).flat())];
    const offers = await offerHolds.executeWithOptions(
      { startToCloseTimeout: '2 minutes', retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' }, summary: `offer holds: ${interviewerIds.length} interviewer(s)` },
      [{ interviewerIds }],
    );
    for (const hold of offers) {
      if (!(await tellHolder(hold))) pending.push(interviewerIds);
    }
  }
  await wf.condition(wf.allHandlersFinished);
  await wf.continueAsNew<typeof waitlistCoordinator>({ pending });
}

/** False when the holder's lifecycle (or loop) has ended since: the hold is released and its time looked at again. */
async function tellHolder(hold: HoldOffer): Promise<boolean> {
  try {
    // A loop's hold is its loop's (docs/adr/0077): the loop keeps the timer and moves every session on accept.
    const holder = hold.loop ? loopWorkflowId(hold.loop.loopId) : interviewWorkflowId(hold.interviewId);
    await wf.getExternalWorkflowHandle(holder).signal<[HoldOffer]>(HOLD_OFFERED_SIGNAL, hold);
    return true;
  } catch {
    await releaseHold(hold);
    return false;
  }
}
