import type { LoopStatus } from '@portal/shared/loops';
import { ht } from '../hr-language';

/** The interview status whose colour a loop status shares (hr.css): booked reads as scheduled, partly completed as under way. */
const COLOUR: Record<LoopStatus, string> = {
  INVITED: 'invited',
  BOOKED: 'scheduled',
  PARTLY_COMPLETED: 'in-progress',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
};

export function LoopStatusBadge(props: { status: LoopStatus }) {
  return <span class={`badge status-badge loop-status status-${COLOUR[props.status]}`}>{ht(`hr.loop.status.${props.status}`)}</span>;
}
