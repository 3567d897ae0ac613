import type { HrRole } from '@portal/shared/hr-user-inputs';
import { ht } from '../hr-language';

/** A role with what it may do, for choosing one. */
export function roleLabel(role: HrRole): string {
  return ht(`hr.users.roleLabel.${role}`);
}
