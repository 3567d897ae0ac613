import type { ApiKeyScope } from '@portal/shared/api-key-inputs';
import { ht } from '../hr-language';

/** A scope with what it allows, for choosing one. */
export function scopeLabel(scope: ApiKeyScope): string {
  return ht(`hr.keys.scopeLabel.${scope}`);
}

/** A scope's short name, for a badge. */
export function scopeName(scope: ApiKeyScope): string {
  return ht(`hr.keys.scope.${scope}`);
}
