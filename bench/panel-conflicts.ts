import { sinkMessages } from '@portal/system-tests/fixtures';
import type { createApiClient } from '@portal/system-tests/api-client';

type Api = ReturnType<typeof createApiClient>;
const HOUR = 3_600_000;

export interface BookedPanel {
  interviewId: string;
  start: string;
  end: string;
  panel: string[];
}

export type ConflictKind = 'deactivated' | 'decline' | 'time-off';

/** One change made to one member; `interviewIds` are the booked interviews it leaves without them. */
export interface PanelChange {
  kind: ConflictKind;
  memberId: string;
  interviewIds: string[];
}

/**
 * One conflict per interview: the `deactivated` members' interviews first (every interview such a
 * member holds), then the others alternately a decline by link and time off over that interview
 * alone, each on a member not deactivated. Interviews are hours apart, so a stretch of time off
 * over one touches no other and every other member of the pool is free at its time.
 */
export function planConflicts(booked: BookedPanel[], deactivated: number): { first: PanelChange[]; rest: PanelChange[] } {
  const held = new Map<string, string[]>();
  for (const interview of booked) for (const member of interview.panel) held.set(member, [...(held.get(member) ?? []), interview.interviewId]);
  const busiest = [...held.entries()].sort((a, b) => b[1].length - a[1].length);
  const first: PanelChange[] = [];
  const covered = new Set<string>();
  for (const [memberId, interviewIds] of busiest) {
    if (first.length >= deactivated) break;
    // Each interview loses one member to a deactivation at most, so each conflict is one repair.
    if (interviewIds.some((id) => covered.has(id))) continue;
    first.push({ kind: 'deactivated', memberId, interviewIds });
    for (const id of interviewIds) covered.add(id);
  }
  const away = new Set(first.map((change) => change.memberId));
  const rest = booked
    .filter((interview) => !covered.has(interview.interviewId))
    .map((interview, i): PanelChange => {
      const memberId = interview.panel.find((member) => !away.has(member));
      if (memberId === undefined) throw new Error(`interview ${interview.interviewId} has no member left to change`);
      return { kind: i % 2 === 0 ? 'decline' : 'time-off', memberId, interviewIds: [interview.interviewId] };
    });
  return { first, rest };
}

/** What `hr.interviewers.upsert` takes back of a listed interviewer. */
export function editable(doc: Record<string, unknown>) {
  const { name, email, timezone, weekly, overrides, timeOff, bufferBeforeMinutes, bufferAfterMinutes, maxPerDay, weeklyLimit, monthlyLimit, active } = doc;
  return { name, email, timezone, weekly, overrides, timeOff, bufferBeforeMinutes, bufferAfterMinutes, maxPerDay, weeklyLimit, monthlyLimit, active };
}

/** The decline token of each (member, interview) a `decline` change names, read from the member's invitation. */
export async function declineTokens(sinkUrl: string, emails: Map<string, string>, changes: PanelChange[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const byMember = new Map<string, PanelChange[]>();
  for (const change of changes) if (change.kind === 'decline') byMember.set(change.memberId, [...(byMember.get(change.memberId) ?? []), change]);
  for (const [memberId, mine] of byMember) {
    const invitations = (await sinkMessages(sinkUrl, { to: emails.get(memberId) ?? '' })).filter((m) => m.Metadata.kind === 'interviewer_invitation');
    for (const change of mine) {
      const interviewId = change.interviewIds[0] ?? '';
      const message = invitations.find((m) => m.Metadata.interviewId === interviewId);
      const token = /\/a\/([A-Za-z0-9_\-.]+)\?answer=decline/.exec(message?.TextBody ?? '')?.[1];
      if (token) tokens.set(`${memberId}|${interviewId}`, token);
    }
  }
  return tokens;
}

/**
 * Makes one change as its user would: the member's decline through the answer page's procedure,
 * HR's edit of the member (time off over the interview, or deactivation) through the console's.
 * Edits of one member are made one at a time, each on the document the one before left.
 */
export function createChangeMaker(hr: Api, members: Map<string, Record<string, unknown>>, tokens: Map<string, string>, booked: Map<string, BookedPanel>) {
  const editing = new Map<string, Promise<unknown>>();
  const edit = (memberId: string, change: (doc: Record<string, unknown>) => Record<string, unknown>) => {
    const next = (editing.get(memberId) ?? Promise.resolve()).then(async () => {
      const doc = change(members.get(memberId) ?? {});
      members.set(memberId, doc);
      await hr.mutation('hr.interviewers.upsert', { ...editable(doc), id: memberId });
    });
    editing.set(memberId, next.catch(() => undefined));
    return next;
  };
  return async (change: PanelChange): Promise<unknown> => {
    const interviewId = change.interviewIds[0] ?? '';
    if (change.kind === 'decline') {
      const token = tokens.get(`${change.memberId}|${interviewId}`);
      if (!token) throw new Error(`no decline link for ${change.memberId} on ${interviewId}`);
      return hr.mutation('interviewerAnswer.answer', { token, answer: 'decline', reason: 'Bench conflict' });
    }
    if (change.kind === 'deactivated') return edit(change.memberId, (doc) => ({ ...doc, active: false }));
    const interview = booked.get(interviewId);
    if (!interview) throw new Error(`unknown interview ${interviewId}`);
    // Over the interview and a little either side, short of the next one two hours on.
    const off = { start: new Date(Date.parse(interview.start) - 0.25 * HOUR).toISOString(), end: new Date(Date.parse(interview.end) + 0.25 * HOUR).toISOString() };
    return edit(change.memberId, (doc) => ({ ...doc, timeOff: [...((doc.timeOff as unknown[] | undefined) ?? []), off] }));
  };
}
