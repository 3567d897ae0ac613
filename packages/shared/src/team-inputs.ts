import { z } from 'zod';
import { hrUserId } from './ids';
import { screened } from './text';
import { HR_ROLES } from './hr-user-inputs';

/**
 * Hiring teams (docs/adr/0076). A team's id is a short slug chosen when it is made; the data
 * that existed before teams belongs to `default`.
 */
export const DEFAULT_TEAM = 'default';

export const teamId = screened(
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a team id: lower-case letters, digits and "-", at most 40')
    .refine((id) => !id.includes('--'), 'must not hold "--"'),
);

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb');
/** https only: the pages' Content-Security-Policy loads images from https addresses alone. */
const logoUrl = screened(
  z
    .url({ protocol: /^https$/ })
    .max(2000)
    .refine((url) => !/[\s"'<>]/.test(url), 'must be a plain https address'),
);

export const teamBranding = z.object({ logoUrl: logoUrl.optional(), colour: colour.optional() }).strict();
export type TeamBranding = z.infer<typeof teamBranding>;

const name = screened(z.string().trim().min(1, 'Give the team a name').max(120));

export const teamCreateInput = z.object({ id: teamId, name, branding: teamBranding.optional() }).strict();
export const teamUpdateInput = z.object({ id: teamId, name, branding: teamBranding.optional() }).strict();
export const teamIdInput = z.object({ id: teamId });
export const teamSwitchInput = z.object({ team: teamId });
export const teamMemberInput = z.object({
  team: teamId,
  userId: hrUserId,
  role: z.preprocess((value) => (value === 'hr' ? 'recruiter' : value), z.enum(HR_ROLES)),
  positions: z.array(screened(z.string().trim().min(1).max(200))).max(100).optional(),
});

export type TeamCreateInput = z.infer<typeof teamCreateInput>;

/** What the API answers for a team. */
export interface TeamView {
  id: string;
  name: string;
  branding: TeamBranding | null;
}
