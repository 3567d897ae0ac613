import { z } from 'zod';

/** `hr` runs interviews; `admin` does that and also manages HR users and interviewers. */
export const HR_ROLES = ['hr', 'admin'] as const;
export type HrRole = (typeof HR_ROLES)[number];

/** Long enough that the sign-in lockout, not guessing, is what stops an attacker. */
export const MIN_PASSWORD_LENGTH = 12;

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'Use at most 200 characters');
const userId = z.string().min(1).max(64);

/** API inputs of the HR users page, shared by the admin procedures and the web forms. */
export const hrUserCreateInput = z.object({
  email: z.email().max(254),
  role: z.enum(HR_ROLES),
  password,
});

export const hrUserSetDisabledInput = z.object({ userId, disabled: z.boolean() });
export const hrUserResetPasswordInput = z.object({ userId, password });
export const hrUserSetRoleInput = z.object({ userId, role: z.enum(HR_ROLES) });

export type HrUserCreateInput = z.infer<typeof hrUserCreateInput>;
