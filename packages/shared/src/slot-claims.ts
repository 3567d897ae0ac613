import { DomainError } from './errors';
import { MINUTE_MS } from './slot-zone-clock';

/**
 * The cells a booking claims: one unique (interviewerId, cell) insert per cell makes a claim
 * atomic. The covered span is [start - bufferBefore, end + bufferAfter), floored and ceiled to
 * whole cells, so two bookings whose spans overlap always share a cell. Spans that merely touch
 * share none when their edges fall on cell boundaries; keep durations, buffers and the slot step
 * multiples of the cell size, or touching bookings collide (safe, but a free slot looks taken).
 * The cell size must be the same for every booking, or cell numbers do not compare.
 */
export function claimCells(input: {
  start: Date;
  end: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  cellMinutes?: number;
}): number[] {
  const { start, end, bufferBeforeMinutes, bufferAfterMinutes, cellMinutes = 5 } = input;
  const from = start.getTime() - bufferBeforeMinutes * MINUTE_MS;
  const to = end.getTime() + bufferAfterMinutes * MINUTE_MS;
  if (!Number.isInteger(cellMinutes) || cellMinutes <= 0) {
    throw new DomainError('BAD_INPUT', 'cellMinutes must be a positive integer', { cellMinutes });
  }
  if (!(bufferBeforeMinutes >= 0 && bufferAfterMinutes >= 0)) {
    throw new DomainError('BAD_INPUT', 'Buffers must not be negative', { bufferBeforeMinutes, bufferAfterMinutes });
  }
  if (!(end.getTime() > start.getTime())) {
    throw new DomainError('BAD_INPUT', 'A booking must end after it starts', { start, end });
  }
  const cellMs = cellMinutes * MINUTE_MS;
  const first = Math.floor(from / cellMs);
  const afterLast = Math.ceil(to / cellMs);
  return Array.from({ length: afterLast - first }, (_, i) => first + i);
}

/**
 * Why a slot claim was refused, in `details.reason` of its SLOT_TAKEN or SLOT_UNAVAILABLE: another
 * booking holds the time (`booked`), the interviewer's limit for that day, week or month is reached
 * (`limit`), or the interviewer is not free then by their hours, time off or calendar (`unavailable`).
 */
export const CLAIM_REFUSAL_REASONS = ['booked', 'limit', 'unavailable'] as const;

export type ClaimRefusalReason = (typeof CLAIM_REFUSAL_REASONS)[number];

export function isClaimRefusalReason(value: unknown): value is ClaimRefusalReason {
  return typeof value === 'string' && (CLAIM_REFUSAL_REASONS as readonly string[]).includes(value);
}
