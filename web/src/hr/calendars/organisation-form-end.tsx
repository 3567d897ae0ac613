import type { ApiProblem } from '../../api/api-error';
import { InputField } from '../../ui/input-field';
import { ProblemMessage } from '../problem-message';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { ht } from '../hr-language';

/**
 * The end both organisation forms share: the address the portal checks the connection with, the
 * refusal that belongs to no field, and the submit button (busy while the check runs).
 */
export function OrganisationFormEnd(props: {
  id: string;
  label: HrMessageKey;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  problem: ApiProblem | null;
  pending: boolean;
}) {
  return (
    <>
      <InputField
        id={props.id}
        label={ht(props.label)}
        type="email"
        autocomplete="off"
        value={props.value}
        error={props.error}
        onInput={(input) => props.onInput(input.value)}
      />
      <ProblemMessage problem={Object.keys(props.problem?.fieldErrors ?? {}).length > 0 ? null : props.problem} />
      <button type="submit" class="primary" disabled={props.pending}>
        {props.pending ? ht('hr.orgCalendars.connecting') : ht('hr.orgCalendars.connect')}
      </button>
    </>
  );
}
