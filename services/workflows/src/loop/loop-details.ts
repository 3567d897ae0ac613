import type { LoopState } from '@portal/shared/loops';

/** The loop's Current Details for the Temporal UI: its sessions, which are booked, and what it waits for. */
export function loopDetails(state: LoopState, namespace: string): string {
  const lines = [`**Loop:** ${state.status}`];
  for (const [i, s] of state.sessions.entries()) {
    const when = s.start ? `booked ${s.start} – ${s.end ?? ''} with ${s.panel.join(', ')}` : 'not booked';
    lines.push(`${i + 1}. ${s.title} ([interview-${s.interviewId}](/namespaces/${namespace}/workflows/interview-${s.interviewId})): ${when}`);
  }
  const windows = state.status === 'INVITED' ? state.availability : null;
  if (windows) lines.push(`**Candidate's windows:** ${windows.windows.map((w) => `${w.start} – ${w.end}`).join('; ')} (next search ${windows.searchAt}${windows.hrTold ? '; HR told nothing fits' : ''})`);
  if (state.status === 'BOOKED' && state.waitlist) {
    const hold = state.hold?.announced ? state.hold : null;
    lines.push(
      hold
        ? `**Earlier itinerary held:** from ${hold.start} (${hold.loop?.sessions.map((s) => s.start).join(', ') ?? ''}) until ${hold.expiresAt}`
        : `**Waitlist:** joined ${state.waitlist.joinedAt}${state.waitlist.before ? `, before ${state.waitlist.before}` : ''}`,
    );
  }
  const waiting =
    state.status === 'INVITED'
      ? windows
        ? 'an itinerary inside the candidate’s windows, or the candidate to book one'
        : 'the candidate to book an itinerary'
      : state.status === 'BOOKED'
        ? 'the sessions to take place (each lifecycle runs its own)'
        : 'the sessions’ lifecycles to finish';
  lines.push(`**Waiting for:** ${waiting}`);
  return lines.join('\n\n');
}
