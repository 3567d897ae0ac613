import { Schema } from 'mongoose';
import type { ActiveLockDocument, DayClaimDocument, SlotClaimDocument, WeekSeatDocument } from '../documents';
import { STRICT, requiredDate, requiredNumber, requiredString, validateUpdates } from './strict-schema';

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
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
dayClaimSchema.index({ claimId: 1 });
dayClaimSchema.index({ interviewerId: 1 });

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
