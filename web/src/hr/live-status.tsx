import type { LiveState } from '../live/live-subscription';
import { LiveMessage } from '../ui/live-message';
import { ht } from './hr-language';

/** Said while an HR page's live stream is down and being opened again. */
export function LiveStatus(props: { state: LiveState }) {
  return (
    <LiveMessage when={props.state === 'reconnecting'}>{ht('hr.live.reconnecting')}</LiveMessage>
  );
}
