/**
 * Every `patched()` id of the lifecycle and loop workflows, and where each stands on the way out
 * (docs/lifecycle.md, "Patches and their retirement"; docs/adr/0051):
 *
 * - `patched`: the code asks Temporal (`isPatched` in patches.ts calls `patched(id)`): a lifecycle
 *   whose history ran the old branch replays it, every other one takes the new branch.
 * - `deprecated`: every lifecycle takes the new branch (`deprecatePatch(id)`); allowed once no
 *   running lifecycle started before the patch's release and no recorded history needs the old
 *   branch. The old branch is dead code from then on.
 * - `removed`: the call and the old branch are gone, one release after the deprecation, once no
 *   running lifecycle started before that release. The entry stays, so the id is never reused.
 *
 * Constants only: workflow code imports it (patches.ts), and so do the ops command
 * (`pnpm patches:status`) and the registry's test.
 */

export type PatchState = 'patched' | 'deprecated' | 'removed';

/** The workflow types whose code asks the patch: the ones `pnpm patches:status` counts. */
export type PatchedWorkflowType = 'interviewLifecycle' | 'interviewLoop';

export interface PatchEntry {
  /** The commit that added the `patched()` call (`git log -S"'<id>'" --reverse`), and its time. */
  readonly introduced: { readonly commit: string; readonly at: string };
  /**
   * When the first release carrying the patch was running on every worker (ISO 8601), once ops know
   * it: lifecycles started before it may have run the old branch. Until set, the commit's time is
   * the cut, which misses lifecycles started between the commit and the deploy.
   */
  readonly released?: string;
  readonly workflowType: PatchedWorkflowType;
  /** What a lifecycle started before the patch does (the branch that goes with the patch). */
  readonly oldBranch: string;
  readonly state: PatchState;
  /** For `deprecated` and `removed`: when the release carrying `deprecatePatch(id)` was running on every worker. */
  readonly deprecatedReleased?: string;
  /**
   * The recorded histories (histories/*.json) whose replay reaches the call without the patch's
   * marker, so they run the old branch: the patch cannot be deprecated while one is listed.
   * Checked by patch-registry.test.ts, oldest first.
   */
  readonly historiesNeedingOldBranch: readonly string[];
}

export const PATCHES = {
  'calendar-events': {
    introduced: { commit: '4286a02', at: '2026-11-23T09:13:31Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'writes no event into the panel members’ connected calendars',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'booked-completed', 'cancelled', 'rescheduled-twice', 'hr-marked-no-show', 'no-show', 'hr-actions'],
  },
  'reminder-audit-in-message-log': {
    introduced: { commit: '2ed2d84', at: '2026-11-23T12:32:03Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'persists an audit event (an activity) for every reminder sent',
    state: 'patched',
    historiesNeedingOldBranch: ['booked-completed', 'no-show'],
  },
  'local-booking-steps': {
    introduced: { commit: '6d6650b', at: '2026-11-23T12:35:02Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'runs a booking’s or move’s claim, persisted change and release as ordinary activities',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'booked-completed', 'cancelled', 'rescheduled-twice', 'hr-marked-no-show', 'no-show', 'hr-actions', 'calendar-events'],
  },
  'local-candidate-link': {
    introduced: { commit: '6d6650b', at: '2026-11-23T12:35:02Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'issues the candidate link at the start as an ordinary activity',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'expired', 'booked-completed', 'cancelled', 'rescheduled-twice', 'hr-marked-no-show', 'no-show', 'hr-actions', 'calendar-events'],
  },
  'local-lifecycle-steps': {
    introduced: { commit: '36b4a2a', at: '2026-11-23T16:13:35Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'persists every other change (cancel, join, HR’s records, the timers’ changes) as ordinary activities',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'expired', 'booked-completed', 'cancelled', 'hr-marked-no-show', 'no-show', 'hr-actions', 'calendar-events'],
  },
  'hr-moves-outside-allowance': {
    introduced: { commit: 'f8de3fe', at: '2026-11-25T21:36:45Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'counts HR’s reschedules against the candidate’s allowance and refuses them past it',
    state: 'patched',
    historiesNeedingOldBranch: ['hr-actions'],
  },
  'webhook-events': {
    introduced: { commit: 'db75d2d', at: '2026-11-26T00:44:22Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'publishes no webhook events',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'expired', 'booked-completed', 'cancelled', 'rescheduled-twice', 'hr-marked-no-show', 'no-show', 'hr-actions', 'calendar-events', 'local-booking-steps', 'local-lifecycle-steps', 'refused-cancel', 'hr-moves'],
  },
  'panel-repair': {
    introduced: { commit: 'b74d3c9', at: '2026-11-26T03:51:57Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'ignores the panel’s answers, time off and deactivations (no repair, no re-pick offer)',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'interviewer-answer-links': {
    introduced: { commit: 'b74d3c9', at: '2026-11-26T03:51:57Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'sends panel invitations without Accept and Decline links',
    state: 'patched',
    historiesNeedingOldBranch: ['panel-feedback', 'panel-moved-cancelled', 'booked-completed', 'cancelled', 'rescheduled-twice', 'hr-marked-no-show', 'no-show', 'hr-actions', 'calendar-events', 'local-booking-steps', 'local-lifecycle-steps', 'refused-cancel', 'hr-moves', 'meeting-room-moved', 'meeting-room-late'],
  },
  'meeting-rooms-by-provider': {
    introduced: { commit: '47330cf', at: '2026-11-26T04:01:50Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'keeps the meeting link of its input and calls no meeting provider',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'sms-texts': {
    introduced: { commit: '379521c', at: '2026-11-26T04:17:30Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'sends no text messages',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'answer-links-by-activity': {
    introduced: { commit: '844de27', at: '2026-11-26T06:50:37Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'issues the panel’s answer links with a local activity',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'loop-claim-handed-over': {
    introduced: { commit: 'a8f5f9c', at: '2026-11-26T07:20:26Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'a loop’s session claims its time again instead of booking on the claim its loop holds',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'loop-answers-on-claims': {
    introduced: { commit: '2f7c139', at: '2026-11-26T10:07:33Z' },
    workflowType: 'interviewLoop',
    oldBranch: 'the loop answers its booking only once every session’s lifecycle has booked',
    state: 'patched',
    historiesNeedingOldBranch: ['loop-booked-by-activity', 'loop-booked'],
  },
  'loop-claims-at-once': {
    introduced: { commit: 'c855311', at: '2026-11-26T10:37:07Z' },
    workflowType: 'interviewLoop',
    oldBranch: 'claims each session with a local activity of its own',
    state: 'patched',
    historiesNeedingOldBranch: ['loop-booked-by-activity', 'loop-booked', 'loop-answered-on-claims'],
  },
  'repick-holds-join-reminders': {
    introduced: { commit: 'f642ae3', at: '2026-11-27T11:19:18Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'sends the held time’s join reminders during an open re-pick as if the panel were whole',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'erasure-webhook-event': {
    introduced: { commit: 'c0ea32e', at: '2026-11-27T11:27:32Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'erasure publishes interview.cancelled naming the candidate instead of interview.erased',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
  'hold-offer-texts': {
    introduced: { commit: 'fbdf8f8', at: '2026-11-29T05:40:45Z' },
    workflowType: 'interviewLifecycle',
    oldBranch: 'offers a held time by email only, never by text',
    state: 'patched',
    historiesNeedingOldBranch: [],
  },
} as const satisfies Record<string, PatchEntry>;

export type PatchId = keyof typeof PATCHES;

/** The ids the code may still ask: every patch not yet removed. */
export type LivePatchId = { [Id in PatchId]: (typeof PATCHES)[Id]['state'] extends 'removed' ? never : Id }[PatchId];

export const patchEntries = (): [PatchId, PatchEntry][] => Object.entries(PATCHES) as [PatchId, PatchEntry][];
