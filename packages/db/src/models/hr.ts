import { Schema } from 'mongoose';
import { HR_ROLES, type HrSessionDocument, type HrUserDocument } from '../documents';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

export const hrUserSchema = validateUpdates(
  new Schema<HrUserDocument>(
    {
      _id: requiredString,
      email: { type: String, required: true, lowercase: true, unique: true },
      role: { type: String, enum: HR_ROLES, required: true },
      passwordHash: requiredString,
      failedLogins: { type: Number, required: true, min: 0 },
      lockedUntil: { type: Date, default: null },
      createdAt: requiredDate,
    },
    STRICT,
  ),
);

/** Sessions are looked up by `_id` (the hash of the cookie's id) only. */
export const hrSessionSchema = validateUpdates(
  new Schema<HrSessionDocument>(
    {
      _id: requiredString,
      userId: requiredString,
      email: requiredString,
      role: { type: String, enum: HR_ROLES, required: true },
      expiresAt: requiredDate,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
