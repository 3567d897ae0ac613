/**
 * The portal's Temporal Schedules, one of each per lifecycle task queue (the workers of a queue
 * share one database): their ids, for the workers that create them, booking that reads one, and
 * the test portals that delete theirs when they stop.
 */
export const calendarSyncScheduleId = (taskQueue: string) => `calendar-sync-${taskQueue}`;
export const listFoldScheduleId = (taskQueue: string) => `interview-list-fold-${taskQueue}`;
export const retentionScheduleId = (taskQueue: string) => `privacy-retention-${taskQueue}`;

/** Every Schedule a lifecycle task queue's workers create. */
export const scheduleIdsOf = (taskQueue: string): string[] => [calendarSyncScheduleId(taskQueue), listFoldScheduleId(taskQueue), retentionScheduleId(taskQueue)];
