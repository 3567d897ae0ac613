import type { HrRole } from '@portal/shared/hr-user-inputs';

export const ROLE_LABELS: Record<HrRole, string> = {
  hr: 'HR (runs interviews)',
  admin: 'Admin (also manages users and interviewers)',
};
