import { ApplicationFailure } from '@temporalio/activity';
import type { MeetingProvider } from '@portal/shared/meeting-rooms';

/** When a room admits people, in seconds since the epoch. */
export interface RoomWindow {
  nbf: number;
  exp: number;
}

/**
 * An API provider's rooms (Daily's first; another provider is one more implementation). Every
 * call is safe to repeat: a retried activity may have reached the provider before it failed.
 */
export interface MeetingRoomApi {
  /** Creates the room, or answers the one an earlier attempt created. */
  open(room: string, window: RoomWindow): Promise<{ url: string }>;
  /** Moves the room's window, creating it again if the provider no longer has it. */
  move(room: string, window: RoomWindow): Promise<{ url: string }>;
  close(room: string): Promise<'deleted' | 'already absent'>;
}

export type MeetingRoomApis = Partial<Record<MeetingProvider, MeetingRoomApi>>;

/** An answer that will not change on a retry (a bad key, a request the provider refuses): fail once, visibly. */
export function providerRefused(provider: MeetingProvider, status: number, detail: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${provider} refused the room request (${status}): ${detail}`, 'MEETING_PROVIDER_REFUSED');
}
