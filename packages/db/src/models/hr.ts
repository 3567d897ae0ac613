import { Schema } from 'mongoose';
import { HR_ROLES, type HrSessionDocument, type HrUserDocument, type HrUserEventDocument } from '../documents';
import { STRICT, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** A small collection (the hiring team), read whole by the users page. */
export const hrUserSchema = validateUpdates(
  new Schema<HrUserDocument>(
    {
      _id: requiredString,
      email: { type: String, required: true, lowercase: true, unique: true },
      role: { type: String, enum: HR_ROLES, required: true },
      passwordHash: requiredString,
      createdAt: requiredDate,
      // Defaults, so users stored before these fields existed read as active and never signed in.
      disabled: { type: Boolean, default: false },
      lastSignInAt: { type: Date, default: null },
    },
    STRICT,
  ),
);

/** Sessions are looked up by `_id` (the hash of the cookie's id); a user's are ended by `userId` equality. */
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
hrSessionSchema.index({ userId: 1 });

export const hrUserEventSchema = validateUpdates(
  new Schema<HrUserEventDocument>(
    {
      _id: requiredString,
      userId: requiredString,
      at: requiredDate,
      actor: requiredString,
      action: { type: String, enum: ['created', 'disabled', 'enabled', 'password_reset', 'role_changed'], required: true },
      detail: presentString,
    },
    STRICT,
  ),
);
hrUserEventSchema.index({ userId: 1 });
