import type { DeliveryStatus } from './webhook-types';
import { ht } from '../hr-language';

export function deliveryStatusLabel(status: DeliveryStatus): string {
  return ht(`hr.hooks.status.${status}`);
}

/** A delivery's state in words, on its own colour (the same AA pairs as the interview badges). */
export function DeliveryStatusBadge(props: { status: DeliveryStatus }) {
  return <span class={`badge delivery-badge delivery-${props.status}`}>{deliveryStatusLabel(props.status)}</span>;
}

/** "HTTP 200", the error when no answer came, or both when the answer was a refusal with a note. */
export function responseSummary(delivery: { lastStatusCode: number | null; lastError: string | null }): string {
  const code = delivery.lastStatusCode === null ? '' : `HTTP ${delivery.lastStatusCode}`;
  const error = delivery.lastError ?? '';
  if (code !== '' && error !== '') return `${code}: ${error}`;
  return code !== '' ? code : error !== '' ? error : ht('hr.hooks.noAnswer');
}

export function attemptsText(attempts: number): string {
  return ht('hr.hooks.attempts', { count: attempts });
}
