import { ApplicationFailure } from '@temporalio/activity';
import type { MeetingProvider } from '@portal/shared/meeting-rooms';

/** When a room admits people, in seconds since the epoch, and the interview's own times. */
export interface RoomWindow {
  nbf: number;
  exp: number;
  /** The interview's start and end (ISO): what a provider that schedules a meeting shows (Zoom). Absent in a request made before Zoom. */
  start?: string;
  end?: string;
}

/**
 * An API provider's rooms (Daily, Zoom). Every call is safe to repeat: a retried activity may have
 * reached the provider before it failed. `link` is the room's link as opened, for a provider that
 * names its rooms itself (a Zoom meeting's id is in its link); null when unknown.
 */
export interface MeetingRoomApi {
  /** Creates the room, or answers the one an earlier attempt created (`retried`: this is not the first attempt). */
  open(room: string, window: RoomWindow, context?: { retried: boolean }): Promise<{ url: string }>;
  /** Moves the room's window, creating it again if the provider no longer has it (a new link, for a provider that names its rooms). */
  move(room: string, window: RoomWindow, link?: string | null): Promise<{ url: string }>;
  close(room: string, link?: string | null): Promise<'deleted' | 'already absent'>;
}

export type MeetingRoomApis = Partial<Record<MeetingProvider, MeetingRoomApi>>;

/** An answer that will not change on a retry (a bad key, a request the provider refuses): fail once, visibly. */
export function providerRefused(provider: MeetingProvider, status: number | string, detail: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${provider} refused the room request (${status}): ${detail}`, 'MEETING_PROVIDER_REFUSED');
}
