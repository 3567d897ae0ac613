import { Schema } from 'mongoose';
import { HR_ROLES, type HrRole } from '@portal/shared/hr-user-inputs';
import { STRICT, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

export interface HrUserDocument {
  _id: string;
  email: string;
  role: HrRole;
  passwordHash: string;
  createdAt: Date;
  /** A disabled user cannot sign in; their sessions are ended when they are disabled. */
  disabled: boolean;
  lastSignInAt: Date | null;
}

/** Who did what to which HR user: the audit trail of the users page. */
export interface HrUserEventDocument {
  _id: string;
  userId: string;
  at: Date;
  /** The email of the admin who acted. */
  actor: string;
  action: 'created' | 'disabled' | 'enabled' | 'password_reset' | 'role_changed';
  detail: string;
}

export interface HrSessionDocument {
  _id: string;
  userId: string;
  email: string;
  role: HrRole;
  expiresAt: Date;
  createdAt: Date;
}

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
