import type { createApiClient } from './api-client';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, invitationTo, linkToken, sinkMessages, type SinkMessage } from './fixtures';

type Api = ReturnType<typeof createApiClient>;

/** The token of the decline link in an interviewer's invitation. */
export function declineToken(message: SinkMessage): string {
  const match = /\/a\/([A-Za-z0-9_\-.]+)\?answer=decline/.exec(message.TextBody ?? '');
  if (!match?.[1]) throw new Error(`no decline link in "${message.Subject}"`);
  return match[1];
}

export interface TwoSessionLoop {
  /** The sessions' interviews, Screen then Design. */
  screen: string;
  design: string;
  /** The design session's only interviewer's address. */
  designerEmail: string;
  candidateEmail: string;
  invitation: SinkMessage;
  token: string;
  /** When the loop was invited (after its interviewers were made). */
  invitedAt: number;
}

/**
 * A loop of two sessions, Screen then Design, each with one always-available interviewer of the
 * file's own (`${label} Screen ${run}`, `${label} Design ${run}`), back to back unless
 * `maxBreakMinutes` allows a break: once the design session's interviewer declines, nobody can take
 * the place. Invited, its invitation read; not booked (how depends on the test).
 */
export async function inviteTwoSessionLoop(
  hr: Api,
  sinkUrl: string,
  loop: { label: string; run: number; candidate: { name: string; email: string; timezone: string }; position: string; durationMinutes: number; screenKind?: 'screening' | 'technical'; maxBreakMinutes?: number },
): Promise<TwoSessionLoop> {
  const [screener, designer] = await Promise.all(['Screen', 'Design'].map((part) => alwaysAvailableInterviewer(hr, `${loop.label} ${part} ${loop.run}`)));
  if (!screener || !designer) throw new Error('no interviewers');
  const invitedAt = Date.now();
  const { interviewIds } = await hr.mutation<{ interviewIds: string[] }>('hr.loops.invite', {
    candidateName: loop.candidate.name,
    candidateEmail: loop.candidate.email,
    candidateTimezone: loop.candidate.timezone,
    position: loop.position,
    sessions: [
      { title: 'Screen', kind: loop.screenKind ?? 'technical', durationMinutes: loop.durationMinutes, interviewerIds: [screener.id] },
      { title: 'Design', kind: 'technical', durationMinutes: loop.durationMinutes, interviewerIds: [designer.id] },
    ],
    rules: { minBreakMinutes: 0, maxBreakMinutes: loop.maxBreakMinutes ?? 0 },
  });
  const [screen, design] = interviewIds;
  if (screen === undefined || design === undefined) throw new Error('no sessions');
  const invitation = await invitationTo(sinkUrl, loop.candidate.email, screen);
  const designerEmail = `${`${loop.label} Design ${loop.run}`.toLowerCase().replace(/\W+/g, '.')}@example.test`;
  return { screen, design, designerEmail, candidateEmail: loop.candidate.email, invitation, token: linkToken(invitation), invitedAt };
}

/** The booked loop's design interviewer declines by their invitation's link; the candidate's offer of a new time for it once sent. */
export async function declineTheDesign(api: Api, sinkUrl: string, loop: TwoSessionLoop): Promise<SinkMessage> {
  const invite = await eventually(async () => (await sinkMessages(sinkUrl, { to: loop.designerEmail })).find((m) => m.Tag === 'interviewer_invitation'), ASYNC_WAIT_MS, 'the design interviewer’s invitation');
  await api.mutation('interviewerAnswer.answer', { token: declineToken(invite), answer: 'decline', reason: 'Ill' });
  return eventually(
    async () => (await sinkMessages(sinkUrl, { to: loop.candidateEmail })).find((m) => m.Tag === 'repick_offer' && m.Metadata.interviewId === loop.design),
    ASYNC_WAIT_MS,
    'the re-pick offer',
  );
}
