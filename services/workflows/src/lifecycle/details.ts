import type { LifecycleState } from '@portal/shared/lifecycle';

/**
 * The lifecycle's Current Details for the Temporal UI (Markdown): where it stands, what happens
 * next and when, and what it waits for, so the workflow page answers "what next" without a query.
 */
export function currentDetails(state: LifecycleState, nameOf: (interviewerId: string) => string): string {
  const lines = [`**Status:** ${state.status}${state.outcome === 'PENDING' ? '' : ` (outcome ${state.outcome})`}`];
  if (state.slot) {
    lines.push(`**Booked:** ${state.slot.start} – ${state.slot.end} with ${state.slot.panel.map((m) => m.name).join(', ')}`);
  }
  if (state.status === 'INVITED' && state.availability) {
    lines.push(`**Candidate's windows:** ${state.availability.windows.map((w) => `${w.start} – ${w.end}`).join('; ')} (next search ${state.availability.searchAt})`);
  }
  if (state.waitlist) lines.push(`**Waitlist:** since ${state.waitlist.joinedAt}${state.waitlist.before ? `, for times before ${state.waitlist.before}` : ''}`);
  if (state.hold) {
    const what = state.hold.purpose === 'window' ? 'Offered time inside their windows' : 'Held earlier time';
    lines.push(`**${what}:** ${state.hold.start} – ${state.hold.end}, the candidate's alone until ${state.hold.expiresAt}`);
  }
  lines.push(state.nextTimer ? `**Next:** ${state.nextTimer.summary} at ${state.nextTimer.at}` : '**Next:** no timer');
  const waiting: string[] = [];
  if (state.status === 'INVITED') waiting.push('the candidate to book');
  if (state.status === 'SCHEDULED' || state.status === 'IN_PROGRESS') waiting.push('the interview');
  const { feedbackRequested, feedbackReceived } = state.followUp;
  const missing = feedbackRequested.filter((id) => !feedbackReceived.includes(id));
  if (state.status === 'COMPLETED' && missing.length > 0) waiting.push(`feedback from ${missing.map(nameOf).join(', ')}`);
  if ((state.status === 'COMPLETED' || state.status === 'NO_SHOW') && state.outcome === 'PENDING') waiting.push("HR's outcome");
  lines.push(`**Waiting for:** ${waiting.length > 0 ? waiting.join('; ') : 'nothing'}`);
  return lines.join('\n\n');
}
