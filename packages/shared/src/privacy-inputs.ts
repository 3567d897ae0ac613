import { z } from 'zod';
import { screened } from './text';

/** Inputs of a candidate's data lifetime (docs/adr/0030), shared by the HR procedures, the REST routes and the console. */
const email = screened(z.email().max(254)).meta({ description: 'The candidate’s email address, as invited (case ignored).' });

export const eraseCandidateInput = z.object({
  email,
  notify: z
    .boolean()
    .default(true)
    .meta({ description: 'Send the candidate the usual cancellation email for an interview still open. `false`: do not contact them.' }),
});
export type EraseCandidateInput = z.input<typeof eraseCandidateInput>;

export const exportCandidateInput = z.object({ email });

/** Days after the candidate's last interview ended before their personal data is erased; fractions allowed (a test runs on seconds). */
export const retentionPolicyInput = z.object({
  personalDataDays: z.number().min(1 / 86_400).max(3_650).meta({ description: 'Days after the candidate’s last interview ended (with an outcome, or cancelled or expired).' }),
});
