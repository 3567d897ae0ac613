import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { Schema } from 'mongoose';
import { STRICT, requiredDate, requiredNumber, requiredString, validateUpdates } from './strict-schema';

export interface ActiveLockDocument {
  _id: string;
  interviewId: string;
  createdAt: Date;
}

export interface SlotClaimDocument {
  /** `<interviewerId>|<cell>`: the unique key that makes a claim atomic. */
  _id: string;
  interviewerId: string;
  cell: number;
  claimId: string;
  interviewId: string;
  createdAt: Date;
}

/**
 * One of an interviewer's daily seats, and the interviewer's busy time for one booking: the slot
 * listing reads these by interviewer instead of scanning interviews (see busy-times.ts).
 */
export interface DayClaimDocument {
  /** `<interviewerId>|<local day>|<seat>`. */
  _id: string;
  claimId: string;
  interviewId: string;
  interviewerId: string;
  start: Date;
  end: Date;
  /**
   * The buffers the seat's claim covered: the larger of the interviewer's and the interview's kind's
   * (docs/adr/0066). Absent on seats claimed before they were kept: the interviewer's own.
   */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  createdAt: Date;
}

/**
 * One booking of an interviewer in one (UTC, Monday-based) week, taken only when the claim chose
 * that interviewer from a larger pool: seats are numbered from the week's count as the claim read
 * it, so two claims that read the same count for the same interviewer race for one seat, and the
 * loser learns of the other booking before it chooses again (docs/adr/0016).
 */
export interface WeekSeatDocument {
  /** `<interviewerId>|<week>|<seat>`. */
  _id: string;
  claimId: string;
  interviewId: string;
  interviewerId: string;
  createdAt: Date;
}

/**
 * One of an interviewer's interviews in a week or a month, under their weekly or monthly limit
 * (`<interviewerId>|W<week>|<seat>`, `<interviewerId>|M<yyyy-mm>|<seat>`, seats below the limit):
 * taken by an insert like the day seats, so a burst of claims cannot pass the limit. Kept when
 * the interview ends (it still counts in its week), released with the claim on a cancel or move.
 */
export interface LoadSeatDocument {
  _id: string;
  claimId: string;
  interviewId: string;
  interviewerId: string;
  createdAt: Date;
}

/** The unique key of one interviewer's 5-minute cell: claimed by an insert, free while absent. */
export function slotCellKey(interviewerId: string, cell: number): string {
  return `${interviewerId}|${cell}`;
}

/** The unique key of one of an interviewer's seats on their local day. */
export function daySeatKey(interviewerId: string, day: string, seat: number): string {
  return `${interviewerId}|${day}|${seat}`;
}

/** At most one active interview per candidate and position: an insert on this key claims the right. */
export function activeLockKey(candidateEmail: string, position: string, team: string = DEFAULT_TEAM): string {
  const key = `${candidateEmail.trim().toLowerCase()}|${position.trim().toLowerCase()}`;
  // Each team's candidates are its own (docs/adr/0076); the default team's keys keep their form from before teams.
  return team === DEFAULT_TEAM ? key : `${team}|${key}`;
}

/** Claims are inserts under a unique `_id`; a duplicate key is the "already taken" answer. */
export const slotClaimSchema = validateUpdates(
  new Schema<SlotClaimDocument>(
    {
      _id: requiredString,
      interviewerId: requiredString,
      cell: requiredNumber,
      claimId: requiredString,
      interviewId: requiredString,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
slotClaimSchema.index({ claimId: 1 });
slotClaimSchema.index({ interviewerId: 1 });

export const dayClaimSchema = validateUpdates(
  new Schema<DayClaimDocument>(
    {
      _id: requiredString,
      claimId: requiredString,
      interviewId: requiredString,
      interviewerId: requiredString,
      start: requiredDate,
      end: requiredDate,
      bufferBeforeMinutes: { type: Number, min: 0 },
      bufferAfterMinutes: { type: Number, min: 0 },
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
dayClaimSchema.index({ claimId: 1 });
dayClaimSchema.index({ interviewerId: 1 });

export const loadSeatSchema = validateUpdates(
  new Schema<LoadSeatDocument>(
    {
      _id: requiredString,
      claimId: requiredString,
      interviewId: requiredString,
      interviewerId: requiredString,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
loadSeatSchema.index({ claimId: 1 });
loadSeatSchema.index({ interviewerId: 1 });

/** Read only by `_id` (who holds a seat); released with the rest of the claim by its id. */
export const weekSeatSchema = validateUpdates(
  new Schema<WeekSeatDocument>(
    {
      _id: requiredString,
      claimId: requiredString,
      interviewId: requiredString,
      interviewerId: requiredString,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
weekSeatSchema.index({ claimId: 1 });

export const activeLockSchema = validateUpdates(
  new Schema<ActiveLockDocument>(
    {
      _id: requiredString,
      interviewId: requiredString,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
