import type { Accessor, JSX, Resource } from 'solid-js';
import { A } from '@solidjs/router';
import type { LiveState } from '../live/live-subscription';
import { LiveMessage } from '../ui/live-message';
import { ht } from './hr-language';
import { Loaded } from './loaded';
import { LiveStatus } from './live-status';

/**
 * The frame of an HR detail page (an interview's, a loop's): the way back to the list, the last
 * action's notice, the live stream's state, and the record once loaded, with its loading and
 * failed states and a retry.
 */
export function DetailFrame<T>(props: {
  resource: Resource<T>;
  retry: () => void;
  notice: string;
  live: LiveState;
  /** The "Loading …" sentence and the heading of the failed state, from the catalogue. */
  loading: string;
  title: string;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <>
      <p>
        <A href="/hr">{ht('hr.detail.back')}</A>
      </p>
      <LiveMessage tone="success" when={props.notice}>
        {props.notice}
      </LiveMessage>
      <LiveStatus state={props.live} />
      <Loaded resource={props.resource} retry={props.retry} what={props.loading} title={props.title}>
        {(value) => props.children(value)}
      </Loaded>
    </>
  );
}
