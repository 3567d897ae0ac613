import type { DeliveryStatus } from './webhook-types';

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** A delivery's state in words, on its own colour (the same AA pairs as the interview badges). */
export function DeliveryStatusBadge(props: { status: DeliveryStatus }) {
  return <span class={`badge delivery-badge delivery-${props.status}`}>{DELIVERY_STATUS_LABELS[props.status]}</span>;
}

/** "HTTP 200", the error when no answer came, or both when the answer was a refusal with a note. */
export function responseSummary(delivery: { lastStatusCode: number | null; lastError: string | null }): string {
  const code = delivery.lastStatusCode === null ? '' : `HTTP ${delivery.lastStatusCode}`;
  const error = delivery.lastError ?? '';
  if (code !== '' && error !== '') return `${code}: ${error}`;
  return code !== '' ? code : error !== '' ? error : 'No answer yet';
}

export function attemptsText(attempts: number): string {
  return attempts === 0 ? 'Not tried yet' : attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
