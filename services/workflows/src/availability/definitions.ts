import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { AVAILABILITY_CHANGED_SIGNAL, LIFECYCLE_UPDATES, type AvailabilitySubmission, type LifecycleState, type LoopWindowsNotice } from '@portal/shared/lifecycle';

/** The candidate's windows (docs/adr/0071), and booking's word that the pool's free times changed. */
export const submitAvailabilityUpdate = defineUpdate<LifecycleState, [AvailabilitySubmission]>(LIFECYCLE_UPDATES.submitAvailability);
export const availabilityChangedSignal = defineSignal(AVAILABILITY_CHANGED_SIGNAL);
/** A loop's word to its session about the candidate's windows (docs/adr/0077). */
export const loopWindowsUpdate = defineUpdate<LifecycleState, [LoopWindowsNotice]>(LIFECYCLE_UPDATES.loopWindows);
