/** The HR list's fold (types only). */
export interface ListFoldActivities {
  foldInterviewListCounts(): Promise<{ folded: number }>;
}
