import type { LifecycleInput, PanelMember, SlotState } from '@portal/shared/lifecycle';

const MINUTE = 60_000;

/**
 * A technical interview's lifecycle input with one interviewer and production-like durations,
 * for runs of the workflow against a real Temporal server with `instantDatabaseSteps`.
 * `notificationsTaskQueue` may name a queue nobody polls: the emails then stay scheduled.
 */
export function sampleLifecycleInput(interviewId: string, notificationsTaskQueue: string): LifecycleInput {
  return {
    interviewId,
    candidateName: 'Ada Lovelace',
    candidateEmail: 'ada@example.test',
    candidateTimezone: 'UTC',
    position: 'Backend Engineer',
    kind: 'technical',
    kindLabel: 'Technical interview',
    attempt: 1,
    previousInterviewId: null,
    rescheduleLimit: 2,
    hrEmail: 'hr@example.test',
    meetingUrl: 'https://meet.example.test/interview/x',
    panelSize: 1,
    notificationsTaskQueue,
    timings: {
      invitationExpiryMs: 600 * MINUTE,
      reminderOffsetsMs: [60 * MINUTE],
      changeCutoffMs: 0,
      joinOpensBeforeMs: 10 * MINUTE,
      graceAfterEndMs: 0,
      retakeCooldownMs: MINUTE,
      retakeWindowMs: 30 * 1440 * MINUTE,
      maxAttempts: 3,
      slotRules: { stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 21 },
      interviewerReminderMs: 15 * MINUTE,
      feedbackNudgeMs: 1440 * MINUTE,
      feedbackHrNudgeMs: 2880 * MINUTE,
      decisionDue: { workingDays: 2 },
      feedbackLinkMs: 7 * 1440 * MINUTE,
    },
  };
}

const panel: PanelMember[] = [{ interviewerId: 'grace', name: 'Grace Hopper', email: 'grace@example.test', timezone: 'UTC', calendar: false }];

/**
 * The booking path's database steps answering at once (no database): the link, a one-hour claim
 * for Grace Hopper, the persisted change, the release and the panel's answer links. For what the
 * workflow itself does.
 */
export const instantDatabaseSteps = {
  issueCandidateToken: async () => ({ link: 'http://localhost:5173/b/link', jti: 'jti', expiresAt: new Date(Date.now() + 30 * 1440 * MINUTE).toISOString() }),
  claimSlot: async ({ interviewId, start }: { interviewId: string; start: string }): Promise<SlotState> => ({
    start,
    end: new Date(Date.parse(start) + 60 * MINUTE).toISOString(),
    interviewerId: 'grace',
    interviewerTimezone: 'UTC',
    panel,
    claimId: `${interviewId}@${start}`,
  }),
  persistChange: async () => ({ persistedAt: new Date().toISOString() }),
  releaseSlot: async () => undefined,
  publishWebhookEvent: async () => ({ deliveries: 0 }),
  issueAnswerLinks: async ({ interviewerIds }: { interviewerIds: string[] }) =>
    interviewerIds.map((interviewerId) => ({ interviewerId, accept: 'http://localhost:5173/a/link?answer=accept', decline: 'http://localhost:5173/a/link?answer=decline' })),
};
