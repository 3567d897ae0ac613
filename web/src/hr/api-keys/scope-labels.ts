import type { ApiKeyScope } from '@portal/shared/api-key-inputs';

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  read: 'Read: interviews, interviewers, slots and settings',
  write: 'Write: invite, cancel, reschedule, set outcomes, change interviewers',
};

export const SCOPE_NAMES: Record<ApiKeyScope, string> = { read: 'Read', write: 'Write' };
