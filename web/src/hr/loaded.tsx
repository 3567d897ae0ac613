import { Match, Show, Switch, type Accessor, type JSX, type Resource } from 'solid-js';
import { toApiProblem } from '../api/api-error';
import { Loading } from '../ui/loading';
import { ProblemMessage } from './problem-message';
import { ht } from './hr-language';

/**
 * What every HR read shows while it is on its way: the refusal with a "Try again" button, then
 * "Loading …", then the children with the value. The last value stays on screen while a refetch
 * runs unless `hideWhileLoading` asks for "Loading …" again. `title` heads the error state on
 * pages whose own heading comes from the value.
 */
export function Loaded<T>(props: {
  resource: Resource<T>;
  retry: () => void;
  /** The whole "Loading …" sentence, from the catalogue. */
  what: string;
  title?: string;
  hideWhileLoading?: boolean;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  const waiting = () => props.resource.latest === undefined || (props.hideWhileLoading === true && props.resource.loading);
  return (
    <Switch>
      <Match when={props.resource.state === 'errored'}>
        <Show when={props.title}>{(title) => <h1>{title()}</h1>}</Show>
        <ProblemMessage problem={toApiProblem(props.resource.error)} />
        <button type="button" onClick={() => props.retry()}>
          {ht('hr.tryAgain')}
        </button>
      </Match>
      <Match when={waiting()}>
        <Loading text={props.what} />
      </Match>
      <Match when={props.resource.latest}>{(value) => props.children(value)}</Match>
    </Switch>
  );
}
