import { z } from 'zod';
import { hrUserId as userId } from './ids';
import { screened, secretText } from './text';

/**
 * An HR user's role in one hiring team (docs/adr/0076): a `recruiter` runs interviews; a
 * `hiring_manager` reads the interviews and scorecards of the positions they own, sets outcomes
 * and approves retakes; an `admin` does what a recruiter does and manages the team's settings,
 * interviewers, keys, webhooks, data and users. The deployment's `owner` (a flag on the user, not
 * a team role) manages teams and acts as an admin in any of them.
 */
export const HR_ROLES = ['recruiter', 'hiring_manager', 'admin'] as const;
export type HrRole = (typeof HR_ROLES)[number];
/** The role names stored before teams: `hr` is today's recruiter. */
export const LEGACY_HR_ROLES = ['hr'] as const;
export type StoredHrRole = HrRole | (typeof LEGACY_HR_ROLES)[number];
export const currentRole = (role: StoredHrRole): HrRole => (role === 'hr' ? 'recruiter' : role);

/** A role as input: `hr`, the name before teams, is still taken and means `recruiter`. */
const role = z.preprocess((value) => (value === 'hr' ? 'recruiter' : value), z.enum(HR_ROLES));
/** The positions a hiring manager owns, as interviews name them (exact text). */
const positions = z.array(screened(z.string().trim().min(1).max(200))).max(100);

/** Long enough that the sign-in lockout, not guessing, is what stops an attacker. */
export const MIN_PASSWORD_LENGTH = 12;

const password = secretText(200, {
  min: MIN_PASSWORD_LENGTH,
  minMessage: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  maxMessage: 'Use at most 200 characters',
});

/** API inputs of the HR users page, shared by the admin procedures and the web forms. */
export const hrUserCreateInput = z.object({
  email: screened(z.email().max(254)),
  role,
  password,
  /** For a hiring manager: the positions they own. */
  positions: positions.optional(),
});

export const hrUserSetDisabledInput = z.object({ userId, disabled: z.boolean() });
export const hrUserResetPasswordInput = z.object({ userId, password });
export const hrUserSetRoleInput = z.object({ userId, role, positions: positions.optional() });

export type HrUserCreateInput = z.infer<typeof hrUserCreateInput>;
