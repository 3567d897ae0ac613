import { z } from 'zod';
import { hrUserId as userId } from './ids';
import { screened, secretText } from './text';

/** `hr` runs interviews; `admin` does that and also manages HR users and interviewers. */
export const HR_ROLES = ['hr', 'admin'] as const;
export type HrRole = (typeof HR_ROLES)[number];

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
  role: z.enum(HR_ROLES),
  password,
});

export const hrUserSetDisabledInput = z.object({ userId, disabled: z.boolean() });
export const hrUserResetPasswordInput = z.object({ userId, password });
export const hrUserSetRoleInput = z.object({ userId, role: z.enum(HR_ROLES) });

export type HrUserCreateInput = z.infer<typeof hrUserCreateInput>;
