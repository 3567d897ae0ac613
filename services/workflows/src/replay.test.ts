import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { recordedHistories, recordedHistoriesDataConverter } from '../testing/recorded-histories';
import { workflowsPath } from './worker';
import { workflowBundlerOptions } from './workflow-bundle-options';

const histories = recordedHistories();

/**
 * Histories recorded from real runs of every path (bash scripts/test.sh with RECORD_HISTORIES=1
 * rewrites them). Replaying them against today's workflow code fails on any nondeterministic change.
 * `calendar-events` is the only one recorded with the calendar writes (the `calendar-events`
 * patch); the others were recorded before it, and keep proving that lifecycles started then replay.
 * `local-booking-steps` is the rescheduled-twice path recorded with the booking path's local
 * activities (the `local-booking-steps` and `local-candidate-link` patches, docs/adr/0002).
 * `local-lifecycle-steps` is a booking of an interviewer with no calendar (no calendar write) and
 * its cancel, persisted by a local activity (the `local-lifecycle-steps` patch).
 * `refused-cancel` is a booking whose first cancels the store refused (a NUL in the reason,
 * docs/adr/0013) and whose next cancel went through; `hr-moves` is HR moving an interview past the
 * candidate's allowance (the `hr-moves-outside-allowance` patch). `meeting-room-moved` is a Daily
 * room created at booking, moved and deleted; `meeting-room-late` a booking whose room came after
 * Daily was down, with the link's follow-up (the `meeting-rooms-by-provider` patch, docs/adr/0028).
 * `panel-declined-replaced` is a member declining by link and replaced at the same time, the
 * invitations' answer links issued by an activity (the `panel-repair`, `interviewer-answer-links`
 * and `answer-links-by-activity` patches, docs/adr/0032 and 0035). `loop-booked` is a loop's own
 * workflow booking four sessions and `loop-session-booked` one of its sessions booked on the claim
 * the loop handed it (the `loop-claim-handed-over` patch, docs/adr/0039); `loop-booked-by-activity`
 * and `loop-session-reclaimed` are the same before it, the session claiming its time again.
 * `loop-answered-on-claims` is a loop answering its booking once every claim is held and booking
 * its sessions after the answer (the `loop-answers-on-claims` patch, docs/adr/0042);
 * `loop-claimed-at-once` the same with every session's claim in one local activity (the
 * `loop-claims-at-once` patch). `loop-windows-booked` is a loop booked inside the candidate's windows
 * and `loop-session-windows-booked` one of its sessions keeping them (docs/adr/0077);
 * `loop-waitlist-accepted` a booked loop joining the waitlist and taking the earlier itinerary held.
 */
describe('lifecycle workflow replay', () => {
  it('has a recorded history for every path', () => {
    expect(histories.map(({ name }) => name).sort()).toEqual(
      ['booked-completed', 'cancelled', 'expired', 'no-show', 'rescheduled-twice', 'panel-moved-cancelled', 'panel-feedback', 'hr-actions', 'hr-marked-no-show', 'calendar-events', 'local-booking-steps', 'local-lifecycle-steps', 'refused-cancel', 'hr-moves', 'meeting-room-moved', 'meeting-room-late', 'panel-declined-replaced', 'loop-booked', 'loop-session-booked', 'loop-booked-by-activity', 'loop-session-reclaimed', 'loop-answered-on-claims', 'loop-claimed-at-once', 'loop-windows-booked', 'loop-session-windows-booked', 'loop-waitlist-accepted'].sort(),
    );
  });

  it('replays every recorded path without nondeterminism', { timeout: 120_000 }, async () => {
    const results = [];
    // The bundle the whole suite's setup built from this code when there is one; its own otherwise (pnpm test:fast).
    const bundled = process.env.WORKFLOW_BUNDLE_PATH;
    const code = bundled ? { workflowBundle: { codePath: bundled } } : { workflowsPath, bundlerOptions: workflowBundlerOptions };
    const replays = Worker.runReplayHistories({ ...code, dataConverter: recordedHistoriesDataConverter() }, histories.map(({ name, history }) => ({ workflowId: name, history })));
    for await (const result of replays) results.push(result);
    expect(results).toHaveLength(histories.length);
    for (const result of results) expect(result.error, result.workflowId).toBeUndefined();
  });
});
