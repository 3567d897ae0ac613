/** The retention sweep's one activity (types only). */
export interface RetentionActivities {
  /** Erases every candidate the retention policy says is due (docs/adr/0030). */
  applyRetentionPolicy(): Promise<{ candidates: number; interviews: number }>;
}
