import { Schema } from 'mongoose';
import { HR_ROLES, LEGACY_HR_ROLES, type HrRole, type StoredHrRole } from '@portal/shared/hr-user-inputs';
import { STRICT, embedded, presentString, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** An HR user's role in one hiring team (docs/adr/0076). */
export interface TeamMembership {
  team: string;
  role: HrRole;
  /** A hiring manager's positions (the interviews' `position`, exactly); empty for other roles. */
  positions: string[];
}

export interface HrUserDocument {
  _id: string;
  email: string;
  /**
   * The role the user had before teams (`hr` or `admin`), in the default team. Users made since
   * carry `memberships`, which win when present (team-roles.ts reads both).
   */
  role: StoredHrRole;
  /** The teams the user belongs to, with a role in each. */
  memberships?: TeamMembership[];
  /** The deployment's owner: manages teams and acts as an admin in every team. */
  owner?: boolean;
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
  action: 'created' | 'disabled' | 'enabled' | 'password_reset' | 'role_changed' | 'team_joined';
  detail: string;
}

export interface HrSessionDocument {
  _id: string;
  userId: string;
  email: string;
  role: StoredHrRole;
  /** The team the session acts in; absent on sessions made before teams: the user's first. */
  team?: string;
  expiresAt: Date;
  createdAt: Date;
}

const membershipSchema = embedded<TeamMembership>({
  team: requiredString,
  role: { type: String, enum: HR_ROLES, required: true },
  positions: { type: [String], default: [] },
});

/** A small collection (the HR users of every team), read whole by the users page. */
export const hrUserSchema = validateUpdates(
  new Schema<HrUserDocument>(
    {
      _id: requiredString,
      email: { type: String, required: true, lowercase: true, unique: true },
      role: { type: String, enum: [...HR_ROLES, ...LEGACY_HR_ROLES], required: true },
      memberships: { type: [membershipSchema], default: undefined },
      owner: { type: Boolean },
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
      role: { type: String, enum: [...HR_ROLES, ...LEGACY_HR_ROLES], required: true },
      team: { type: String },
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
      action: { type: String, enum: ['created', 'disabled', 'enabled', 'password_reset', 'role_changed', 'team_joined'], required: true },
      detail: presentString,
    },
    STRICT,
  ),
);
hrUserEventSchema.index({ userId: 1 });
