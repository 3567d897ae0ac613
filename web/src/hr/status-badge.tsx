import type { InterviewStatus, Outcome } from '@portal/shared/status';
import { ht } from './hr-language';
import { outcomeLabel, statusLabel } from './labels';

/** The status in words, on its own colour (hr.css): the words carry the meaning, the colour speeds the glance. */
export function StatusBadge(props: { status: InterviewStatus }) {
  return <span class={`badge status-badge status-${props.status.toLowerCase().replaceAll('_', '-')}`}>{statusLabel(props.status)}</span>;
}

export function OutcomeBadge(props: { outcome: Outcome }) {
  return <span class={`badge outcome-badge outcome-${props.outcome.toLowerCase().replaceAll('_', '-')}`}>{ht('hr.outcome.badge', { outcome: outcomeLabel(props.outcome, true) })}</span>;
}
